import { formatInstant, formatMoney } from '../../../i18n/format';
import { translate } from '../../../i18n/catalog';
import type { NoticeTopicDefinition } from '../NoticeTopic';
import { DAYS } from './noticeTime';
import { num, text } from './payload';

/** 新违法: a violation recorded on a vehicle of the citizen. */
export const NEW_VIOLATION: NoticeTopicDefinition = {
  id: 'new-violation',
  label: { 'zh-CN': '新违法', en: 'New violations' },
  description: { 'zh-CN': '绑定车辆有新的违法记录时通知', en: 'A new violation recorded on your vehicle' },
  template: {
    title: { 'zh-CN': '交通违法提醒', en: 'New traffic violation' },
    fields: [
      { key: 'keyword1', label: { 'zh-CN': '号牌', en: 'Plate' } },
      { key: 'keyword2', label: { 'zh-CN': '违法时间', en: 'When' } },
      { key: 'keyword3', label: { 'zh-CN': '违法地点', en: 'Where' } },
      { key: 'keyword4', label: { 'zh-CN': '违法行为', en: 'Violation' } },
      { key: 'keyword5', label: { 'zh-CN': '罚款记分', en: 'Fine and points' } },
      { key: 'remark', label: { 'zh-CN': '下一步', en: 'Next step' } },
    ],
  },
  events: ['violation.recorded'],
  fromEvent: async (event) => {
    if (event.type !== 'violation.recorded') return [];
    const v = event.data;
    return [{
      ref: v.violationId, dueAt: Date.parse(event.at), until: Date.parse(event.at) + DAYS(7),
      payload: { violationId: v.violationId, plate: v.plate, occurredAt: v.occurredAt, location: v.location, kind: v.kind, points: v.points, fineFen: v.fineFen },
    }];
  },
  render: (p, locale) => ({
    fields: {
      keyword1: text(p, 'plate'),
      keyword2: formatInstant(locale, text(p, 'occurredAt')),
      keyword3: text(p, 'location'),
      keyword4: translate(locale, `fine.kind.${text(p, 'kind')}`),
      keyword5: translate(locale, 'notice.penalty', { amount: formatMoney(locale, num(p, 'fineFen')), points: num(p, 'points') }),
      remark: translate(locale, 'notice.violation.next'),
    },
    action: locale === 'zh-CN' ? '查违章' : 'check violations',
  }),
};

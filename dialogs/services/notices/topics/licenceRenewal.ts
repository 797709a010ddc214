import { PlatformError } from '../../../../integrations/platform/errors';
import { formatDate } from '../../../i18n/format';
import { translate } from '../../../i18n/catalog';
import type { NoticeTopicDefinition } from '../NoticeTopic';
import { addDays, chinaAt } from './noticeTime';
import { text } from './payload';

/** 换证提醒: 90 days before the driving licence expires (a long-term licence never). */
export const LICENCE_RENEWAL: NoticeTopicDefinition = {
  id: 'licence-renewal',
  label: { 'zh-CN': '换证提醒', en: 'Licence renewal' },
  description: { 'zh-CN': '驾驶证有效期满前90天提醒换证', en: '90 days before your licence expires' },
  template: {
    title: { 'zh-CN': '驾驶证到期换证提醒', en: 'Licence renewal due' },
    fields: [
      { key: 'keyword1', label: { 'zh-CN': '证件', en: 'Licence' } },
      { key: 'keyword2', label: { 'zh-CN': '准驾车型', en: 'Class' } },
      { key: 'keyword3', label: { 'zh-CN': '有效期至', en: 'Valid until' } },
      { key: 'remark', label: { 'zh-CN': '下一步', en: 'Next step' } },
    ],
  },
  sweep: async (idNumber, ctx) => {
    try {
      const licence = await ctx.platform.violations.licence(idNumber);
      if (!licence.validUntil) return [];
      return [{
        ref: licence.validUntil,
        dueAt: chinaAt(addDays(licence.validUntil, -90)),
        until: chinaAt(addDays(licence.validUntil, 1), '00:00'),
        payload: { licenceClass: licence.licenceClass, validUntil: licence.validUntil },
      }];
    } catch (err) {
      if (err instanceof PlatformError && err.code === 'NO_LICENCE') return [];
      throw err;
    }
  },
  stillDue: async (p, idNumber, ctx) => (await ctx.platform.violations.licence(idNumber)).validUntil === p.validUntil,
  render: (p, locale, today) => ({
    fields: {
      keyword1: translate(locale, 'notice.licence.title'),
      keyword2: text(p, 'licenceClass'),
      keyword3: formatDate(locale, text(p, 'validUntil'), today.slice(0, 4)),
      remark: translate(locale, 'notice.licence.next'),
    },
    action: locale === 'zh-CN' ? '换证须知' : 'licence renewal notes',
  }),
};

import { formatDate } from '../../../i18n/format';
import { translate } from '../../../i18n/catalog';
import type { NoticeTopicDefinition } from '../NoticeTopic';
import { addDays, chinaAt } from './noticeTime';
import { text } from './payload';

/** 号牌到期: a reserved plate is released after its date unless the vehicle is registered; told three days before. */
export const PLATE_EXPIRING: NoticeTopicDefinition = {
  id: 'plate-expiring',
  label: { 'zh-CN': '号牌到期', en: 'Reserved plate expiring' },
  description: { 'zh-CN': '选好的号牌保留期满前三天提醒', en: 'Three days before a reserved plate is released' },
  template: {
    title: { 'zh-CN': '号牌保留到期提醒', en: 'Reserved plate expiring' },
    fields: [
      { key: 'keyword1', label: { 'zh-CN': '号牌', en: 'Plate' } },
      { key: 'keyword2', label: { 'zh-CN': '车辆', en: 'Vehicle' } },
      { key: 'keyword3', label: { 'zh-CN': '保留至', en: 'Held until' } },
      { key: 'remark', label: { 'zh-CN': '下一步', en: 'Next step' } },
    ],
  },
  sweep: async (idNumber, ctx) => {
    const held = await ctx.platform.plates.reservedPlate({ idNumber });
    return held.filter((r) => r.status === 'reserved' && r.expiresOn).map((r) => ({
      ref: `${r.plate}:${r.expiresOn}`,
      dueAt: chinaAt(addDays(r.expiresOn as string, -3)),
      until: chinaAt(addDays(r.expiresOn as string, 1), '00:00'),
      payload: { plate: r.plate, vinLast6: r.vinLast6, expiresOn: r.expiresOn },
    }));
  },
  stillDue: async (p, idNumber, ctx) => (await ctx.platform.plates.reservedPlate({ idNumber }))
    .some((r) => r.plate === p.plate && r.status === 'reserved'),
  render: (p, locale, today) => ({
    fields: {
      keyword1: text(p, 'plate'),
      keyword2: translate(locale, 'notice.vehicle', { vinLast6: text(p, 'vinLast6') }),
      keyword3: formatDate(locale, text(p, 'expiresOn'), today.slice(0, 4)),
      remark: translate(locale, 'notice.plate.next'),
    },
    action: locale === 'zh-CN' ? '查看号牌' : 'my plate',
  }),
};

import type { PromptDefinition } from '../../prompts/PromptDefinition';

/**
 * Every question the fines flows ask (violation lookup, handling, paying), declared once: the prompt layer reads
 * the answers in this context, and the prompt × act test matrix is generated from these. Ids are the dialog ids.
 */
export const FINES_PROMPTS = {
  queryWay: {
    id: 'fineQuery.wayPrompt', kind: 'choice',
    step: { 'zh-CN': '选择查询方式', en: 'pick how to look up' },
    example: { 'zh-CN': '「2」或「按号牌和车架号查询」', en: '"2" or "by plate and VIN"' },
  },
  /** A bound owner's plated vehicles, 「我名下全部车辆」, 「其他车辆」; a plate typed in is looked up as such. */
  queryVehicle: {
    id: 'fineQuery.vehiclePrompt', kind: 'choice', anyPicksFirst: true,
    step: { 'zh-CN': '选择车辆', en: 'pick the vehicle' },
    example: { 'zh-CN': '「1」或「苏A12345」', en: '"1" or "苏A12345"' },
  },
  queryPlate: {
    id: 'fineQuery.platePrompt', kind: 'text', back: true,
    step: { 'zh-CN': '输入号牌', en: 'type the plate' },
    example: { 'zh-CN': '「苏A12345」', en: '"苏A12345"' },
  },
  /** The tail is the answer; a plate alone corrects the plate. */
  queryVinTail: {
    id: 'fineQuery.vinTailPrompt', kind: 'text', back: true, corrects: ['plate'],
    step: { 'zh-CN': '输入车架号后六位', en: 'type the VIN ending' },
    example: { 'zh-CN': '「123456」（行驶证上车架号的最后6位）', en: '"123456" (the last 6 of the VIN on the vehicle licence)' },
  },
  /** The records of the list, numbered as in the list (「第3条」 is record 3), and 「暂不办理」. */
  queryOffer: {
    id: 'fineQuery.offerPrompt', kind: 'choice',
    step: { 'zh-CN': '是否去处理', en: 'handle it now?' },
    example: { 'zh-CN': '「3」「第3条」或「暂不办理」', en: '"3", "the third" or "not now"' },
  },
  payPath: {
    id: 'finePay.pathPrompt', kind: 'choice',
    step: { 'zh-CN': '选择缴款方式', en: 'pick how to pay' },
    example: { 'zh-CN': '「1」或「凭决定书编号缴罚款」', en: '"1" or "pay by decision number"' },
  },
  payNumber: {
    id: 'finePay.decision.numberPrompt', kind: 'text',
    step: { 'zh-CN': '输入决定书编号', en: 'type the decision number' },
    example: { 'zh-CN': '「320100123456789」（决定书上方的15或16位数字）', en: '"320100123456789" (15 or 16 digits at the top of the decision)' },
  },
  /** Another decision number here means that decision. */
  payConfirm: {
    id: 'finePay.decision.confirmPrompt', kind: 'confirm', purpose: 'pay', corrects: ['decisionNumber'],
    step: { 'zh-CN': '确认缴款', en: 'confirm the payment' },
    example: { 'zh-CN': '「确认缴纳」或「先不交」', en: '"yes, pay it" or "not now"' },
  },
  handleItem: {
    id: 'finePay.handle.itemPrompt', kind: 'choice',
    step: { 'zh-CN': '选择违法记录', en: 'pick the violation' },
    example: { 'zh-CN': '「1」「停车那个」或「暂不办理」', en: '"1", "the parking one" or "not now"' },
  },
  /** Back: the list of what can be done. */
  handleConfirm: {
    id: 'finePay.handle.confirmPrompt', kind: 'confirm', purpose: 'handle', back: true,
    step: { 'zh-CN': '确认处理', en: 'confirm handling' },
    example: { 'zh-CN': '「确认处理」或「先不处理」', en: '"yes, handle it" or "not now"' },
  },
  handlePayNow: {
    id: 'finePay.handle.payNowPrompt', kind: 'confirm', purpose: 'pay',
    step: { 'zh-CN': '是否现在缴款', en: 'pay now?' },
    example: { 'zh-CN': '「现在交」或「以后再交」', en: '"pay now" or "later"' },
  },
} as const satisfies Readonly<Record<string, PromptDefinition>>;

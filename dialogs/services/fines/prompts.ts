import type { PromptDefinition } from '../../prompts/PromptDefinition';

/**
 * Every question the fines flows ask (violation lookup, handling, paying), declared once: the prompt layer reads
 * the answers in this context, and the prompt × act test matrix is generated from these. Ids are the dialog ids.
 */
export const FINES_PROMPTS = {
  queryWay: {
    id: 'fineQuery.wayPrompt', kind: 'choice',
    example: { 'zh-CN': '按号牌和车架号后6位查询', en: 'By plate and last 6 of the VIN' },
    back: false,
  },
  queryVehicle: {
    id: 'fineQuery.vehiclePrompt', kind: 'choice',
    example: { 'zh-CN': '苏A12345', en: '苏A12345' },
    corrects: ['plate'],
    anyPicksFirst: true,
  },
  queryPlate: {
    id: 'fineQuery.platePrompt', kind: 'text',
    example: { 'zh-CN': '苏A12345', en: '苏A12345' },
    back: true,
  },
  queryVinTail: {
    id: 'fineQuery.vinTailPrompt', kind: 'text',
    example: { 'zh-CN': '123456', en: '123456' },
    corrects: ['plate'],
    back: true,
  },
  queryOffer: {
    id: 'fineQuery.offerPrompt', kind: 'choice',
    example: { 'zh-CN': '第3条', en: 'the third' },
  },
  payPath: {
    id: 'finePay.pathPrompt', kind: 'choice',
    example: { 'zh-CN': '凭决定书编号缴罚款', en: 'Pay a fine by decision number' },
  },
  payNumber: {
    id: 'finePay.decision.numberPrompt', kind: 'text',
    example: { 'zh-CN': '320100123456789', en: '320100123456789' },
  },
  payConfirm: {
    id: 'finePay.decision.confirmPrompt', kind: 'confirm', purpose: 'pay',
    example: { 'zh-CN': '确认缴款', en: 'yes, pay it' },
    corrects: ['decisionNumber'],
  },
  handleItem: {
    id: 'finePay.handle.itemPrompt', kind: 'choice',
    example: { 'zh-CN': '第1个', en: 'the first' },
    corrects: ['plate'],
  },
  handleConfirm: {
    id: 'finePay.handle.confirmPrompt', kind: 'confirm', purpose: 'handle',
    example: { 'zh-CN': '确认处理', en: 'yes, handle it' },
    back: true,
  },
  handlePayNow: {
    id: 'finePay.handle.payNowPrompt', kind: 'confirm', purpose: 'pay',
    example: { 'zh-CN': '现在缴', en: 'yes, pay now' },
  },
} as const satisfies Readonly<Record<string, PromptDefinition>>;

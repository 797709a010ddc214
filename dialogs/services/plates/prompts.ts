import type { PromptDefinition } from '../../prompts/PromptDefinition';

/**
 * Every question the plate flows ask (choosing and looking up a plate), declared once: the prompt layer reads the
 * answers in this context, and the prompt × act test matrix is generated from these. Ids are the dialog ids.
 */
export const PLATES_PROMPTS = {
  /** The owner's vehicles without a plate (masked VIN tail) and 「其他车辆」; a whole VIN typed in is that vehicle. */
  vehicle: {
    id: 'plate.vehiclePrompt', kind: 'choice', anyPicksFirst: true,
    step: { 'zh-CN': '选择车辆', en: 'pick the vehicle' },
    example: { 'zh-CN': '「1」「新能源车」或「尾号321那辆」', en: '"1", "the new-energy car" or "the one ending 321"' },
  },
  vin: {
    id: 'plate.vinPrompt', kind: 'text',
    step: { 'zh-CN': '输入车架号', en: 'type the VIN' },
    example: { 'zh-CN': '「LGXCE4CB7R0654321」（合格证或购车发票上的17位车架号）', en: '"LGXCE4CB7R0654321" (the 17-character VIN on the certificate or invoice)' },
  },
  /** Another VIN changes the vehicle; back: which vehicle, again. */
  way: {
    id: 'plate.wayPrompt', kind: 'choice', back: true, corrects: ['vin'],
    step: { 'zh-CN': '选择选号方式', en: 'pick how to choose' },
    example: { 'zh-CN': '「随机选号」或「自编号码」', en: '"random numbers" or "my own numbers"' },
  },
  /** Back: the way, again (the round drawn is kept). */
  candidate: {
    id: 'plate.candidatePrompt', kind: 'choice', back: true, anyPicksFirst: true,
    step: { 'zh-CN': '选择号牌', en: 'pick a plate' },
    example: { 'zh-CN': '「2」「第二个」或「换一批」', en: '"2", "the second one" or "more"' },
  },
  patterns: {
    id: 'plate.patternPrompt', kind: 'text', back: true,
    step: { 'zh-CN': '输入号牌规则', en: 'type a pattern' },
    example: { 'zh-CN': '「6M888、苏A8K8K8」', en: '"6M888, 苏A8K8K8"' },
  },
  /** Back: the candidates (or the numbers) again. */
  confirm: {
    id: 'plate.confirmPrompt', kind: 'confirm', purpose: 'select', back: true,
    step: { 'zh-CN': '确认选号', en: 'confirm the plate' },
    example: { 'zh-CN': '「就选这个」或「不要这个」', en: '"yes, take it" or "no, another one"' },
  },
  queryOffer: {
    id: 'plate.query.offerPrompt', kind: 'confirm', purpose: 'select',
    step: { 'zh-CN': '是否去选号', en: 'choose one now?' },
    example: { 'zh-CN': '「好，现在选」或「以后再说」', en: '"yes, choose one now" or "later"' },
  },
} as const satisfies Readonly<Record<string, PromptDefinition>>;

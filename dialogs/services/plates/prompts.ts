import type { PromptDefinition } from '../../prompts/PromptDefinition';

/**
 * Every question the plate flows ask (choosing and looking up a plate), declared once: the prompt layer reads the
 * answers in this context, and the prompt × act test matrix is generated from these. Ids are the dialog ids.
 */
export const PLATES_PROMPTS = {
  vehicle: {
    id: 'plate.vehiclePrompt', kind: 'choice',
    example: { 'zh-CN': '车架号后六位 ***321', en: 'VIN ending ***321' },
    anyPicksFirst: true,
  },
  vin: {
    id: 'plate.vinPrompt', kind: 'text',
    example: { 'zh-CN': 'LGXCE4CB7R0654321', en: 'LGXCE4CB7R0654321' },
    back: true,
  },
  way: {
    id: 'plate.wayPrompt', kind: 'choice',
    example: { 'zh-CN': '随机选号', en: 'Random numbers' },
    corrects: ['vin'],
    back: true,
  },
  candidate: {
    id: 'plate.candidatePrompt', kind: 'choice',
    example: { 'zh-CN': '第2个', en: 'the second' },
    corrects: ['way'],
    back: true,
    anyPicksFirst: true,
  },
  patterns: {
    id: 'plate.patternPrompt', kind: 'text',
    example: { 'zh-CN': '6M888、苏A8K8K8', en: '6M888, 苏A8K8K8' },
    corrects: ['way'],
    back: true,
  },
  confirm: {
    id: 'plate.confirmPrompt', kind: 'confirm', purpose: 'select',
    example: { 'zh-CN': '就选这个', en: 'yes, take it' },
    corrects: ['plate'],
    back: true,
  },
  queryOffer: {
    id: 'plate.query.offerPrompt', kind: 'confirm', purpose: 'select',
    example: { 'zh-CN': '好，现在选', en: 'yes, choose one now' },
  },
} as const satisfies Readonly<Record<string, PromptDefinition>>;

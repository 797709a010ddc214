import type { PromptDefinition } from '../../prompts/PromptDefinition';

/** The questions of the notices flows (the prompt layer reads answers in their context; the test matrix is generated from them). */
export const NOTICE_PROMPTS = {
  settings: {
    id: 'notices.settings.pick', kind: 'choice',
    example: { 'zh-CN': '「1」「关闭考前提醒」「全部打开」或「完成」', en: '"1", "turn off exam reminder", "all on" or "done"' },
  },
  stop: {
    id: 'notices.stop.confirm', kind: 'confirm', purpose: 'cancel',
    example: { 'zh-CN': '「确定关闭」或「先不关」', en: '"yes, turn them off" or "keep them"' },
  },
  examOffer: {
    id: 'notices.offer.exam', kind: 'confirm', purpose: 'generic',
    example: { 'zh-CN': '「要，提醒我」或「不用了」', en: '"yes, remind me" or "no thanks"' },
  },
  fineOffer: {
    id: 'notices.offer.fine', kind: 'confirm', purpose: 'generic',
    example: { 'zh-CN': '「要，提醒我」或「不用了」', en: '"yes, remind me" or "no thanks"' },
  },
  plateOffer: {
    id: 'notices.offer.plate', kind: 'confirm', purpose: 'generic',
    example: { 'zh-CN': '「要，提醒我」或「不用了」', en: '"yes, remind me" or "no thanks"' },
  },
  violationsOffer: {
    id: 'notices.offer.violations', kind: 'confirm', purpose: 'generic',
    example: { 'zh-CN': '「要，通知我」或「不用了」', en: '"yes, tell me" or "no thanks"' },
  },
} as const satisfies Record<string, PromptDefinition>;

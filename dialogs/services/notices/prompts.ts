import type { PromptDefinition } from '../../prompts/PromptDefinition';

/** The questions of the notices flows (the prompt layer reads answers in their context; the test matrix is generated from them). */
export const NOTICE_PROMPTS = {
  settings: {
    id: 'notices.settings.pick', kind: 'choice',
    step: { 'zh-CN': '选择提醒', en: 'pick a notice' },
    example: { 'zh-CN': '「1」「关闭考前提醒」「全部打开」或「完成」', en: '"1", "turn off exam reminder", "all on" or "done"' },
  },
  stop: {
    id: 'notices.stop.confirm', kind: 'confirm', purpose: 'cancel',
    step: { 'zh-CN': '确认关闭提醒', en: 'confirm stopping notices' },
    example: { 'zh-CN': '「确定关闭」或「先不关」', en: '"yes, turn them off" or "keep them"' },
  },
  examOffer: {
    id: 'notices.offer.exam', kind: 'confirm', purpose: 'generic',
    step: { 'zh-CN': '是否订阅考试提醒', en: 'exam reminder offer' },
    example: { 'zh-CN': '「要，提醒我」或「不用了」', en: '"yes, remind me" or "no thanks"' },
  },
  fineOffer: {
    id: 'notices.offer.fine', kind: 'confirm', purpose: 'generic',
    step: { 'zh-CN': '是否订阅缴款提醒', en: 'fine reminder offer' },
    example: { 'zh-CN': '「要，提醒我」或「不用了」', en: '"yes, remind me" or "no thanks"' },
  },
  plateOffer: {
    id: 'notices.offer.plate', kind: 'confirm', purpose: 'generic',
    step: { 'zh-CN': '是否订阅号牌到期提醒', en: 'plate expiry offer' },
    example: { 'zh-CN': '「要，提醒我」或「不用了」', en: '"yes, remind me" or "no thanks"' },
  },
  violationsOffer: {
    id: 'notices.offer.violations', kind: 'confirm', purpose: 'generic',
    step: { 'zh-CN': '是否订阅新违法通知', en: 'new violation offer' },
    example: { 'zh-CN': '「要，通知我」或「不用了」', en: '"yes, tell me" or "no thanks"' },
  },
} as const satisfies Record<string, PromptDefinition>;

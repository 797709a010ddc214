import type { PromptDefinition } from '../../prompts/PromptDefinition';

/** The account service's questions. */
export const ACCOUNT_PROMPTS = {
  /** 「确认解除与 李*（320583********0024）的绑定吗？」: agreeing removes the binding (解绑/解除 are a yes here). */
  unbindConfirm: {
    id: 'account.unbind.confirm', kind: 'confirm', purpose: 'unbind',
    step: { 'zh-CN': '确认解除绑定', en: 'confirm unbinding' },
    example: { 'zh-CN': '确认解绑（或回复「不用了」保留绑定）', en: 'yes, unbind (or "no, keep it")' },
  },
} as const satisfies Record<string, PromptDefinition>;

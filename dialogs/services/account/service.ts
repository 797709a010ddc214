import type { ServiceModule } from '../ServiceModule';
import en from './i18n/en.json';
import zhCN from './i18n/zh-CN.json';
import { ACCOUNT_PROMPTS } from './prompts';
import { UnbindDialog } from './UnbindDialog';
import { WhoAmIDialog } from './WhoAmIDialog';

/**
 * The citizen's own account: who this WeChat user is bound as (「我绑定的是谁」) and removing the binding (「解除绑定」).
 * Binding itself happens inside the services that need a bound identity (dialogs/identity).
 */
export const ACCOUNT: ServiceModule = {
  name: 'account',
  dir: __dirname,
  intents: [
    {
      intent: 'identity.unbind', flow: (deps) => new UnbindDialog(deps), doneWhen: { identity: ['unbind'] },
      label: { 'zh-CN': '解除绑定', en: 'Unbind my identity' },
      consoleLabel: { 'zh-CN': '解除身份绑定', en: 'Unbind identity' },
    },
    {
      intent: 'identity.whoami', flow: (deps) => new WhoAmIDialog(deps),
      label: { 'zh-CN': '我绑定的身份', en: 'My bound identity' },
      consoleLabel: { 'zh-CN': '查看绑定身份', en: 'Who is bound' },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  prompts: Object.values(ACCOUNT_PROMPTS),
  calls: {
    identity: ['getBinding', 'unbind'],
  },
};

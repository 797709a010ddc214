import { BINDING_CALLS } from '../../identity/ensureBound';
import type { ServiceModule } from '../ServiceModule';
import { FinePayDialog } from './FinePayDialog';
import { FineQueryDialog } from './FineQueryDialog';
import en from './i18n/en.json';
import zhCN from './i18n/zh-CN.json';
import { FINES_PROMPTS } from './prompts';

/** Violations and fines: look up violations, handle one online and pay its decision. */
export const FINES: ServiceModule = {
  name: 'fines',
  dir: __dirname,
  intents: [
    {
      intent: 'fine.query', flow: (deps) => new FineQueryDialog(deps),
      label: { 'zh-CN': '查违章', en: 'Check violations' }, menuOrder: 3,
      wechatMenu: { key: 'MENU_FINE_QUERY', group: 'violations', label: { 'zh-CN': '查违章缴罚款', en: 'Violations and fines' } },
      consoleLabel: { 'zh-CN': '查违章/罚款', en: 'Violations and fines' },
    },
    {
      intent: 'fine.pay', flow: (deps) => new FinePayDialog(deps), doneWhen: { violations: ['handle', 'pay'] },
      label: { 'zh-CN': '交罚款', en: 'Pay a fine' }, menuOrder: 4,
      wechatMenu: { key: 'MENU_FINE_PAY' },
      consoleLabel: { 'zh-CN': '缴罚款', en: 'Pay a fine' },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  prompts: Object.values(FINES_PROMPTS),
  calls: {
    identity: BINDING_CALLS,
    plates: ['vehicles'],
    violations: ['byPlate', 'byOwner', 'handle', 'decision', 'pay'],
  },
};

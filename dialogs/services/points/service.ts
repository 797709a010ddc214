import { BINDING_CALLS } from '../../identity/ensureBound';
import type { ServiceModule } from '../ServiceModule';
import en from './i18n/en.json';
import zhCN from './i18n/zh-CN.json';
import { POINTS_PROMPTS } from './prompts';
import { PointsDialog } from './PointsDialog';

/** Licence points (记分) in the current cycle. */
export const POINTS: ServiceModule = {
  name: 'points',
  dir: __dirname,
  intents: [
    {
      intent: 'points.query', flow: (deps) => new PointsDialog(deps),
      label: { 'zh-CN': '查记分', en: 'My licence points' }, menuOrder: 5,
      wechatMenu: { key: 'MENU_POINTS', group: 'violations', label: { 'zh-CN': '查驾照记分', en: 'Licence points' } },
      consoleLabel: { 'zh-CN': '查记分', en: 'Licence points' },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  prompts: Object.values(POINTS_PROMPTS),
  calls: {
    identity: BINDING_CALLS,
    violations: ['byOwner', 'points'],
  },
};

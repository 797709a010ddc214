import { BINDING_CALLS } from '../../identity/ensureBound';
import type { ServiceModule } from '../ServiceModule';
import en from './i18n/en.json';
import zhCN from './i18n/zh-CN.json';
import { PLATES_PROMPTS } from './prompts';
import { PlateQueryDialog } from './PlateQueryDialog';
import { PlateSelectDialog } from './PlateSelectDialog';

/** Licence plates (自选号牌): choose one for a new vehicle, look up the reserved one. */
export const PLATES: ServiceModule = {
  name: 'plates',
  dir: __dirname,
  intents: [
    {
      intent: 'plate.select', flow: (deps) => new PlateSelectDialog(deps), doneWhen: { plates: ['reserve'] },
      label: { 'zh-CN': '选车牌', en: 'Choose a plate' }, menuOrder: 2,
      wechatMenu: { key: 'MENU_PLATE_SELECT', group: 'business', label: { 'zh-CN': '自选号牌', en: 'Choose a plate' } },
      consoleLabel: { 'zh-CN': '自选号牌', en: 'Choose a plate' },
    },
    {
      intent: 'plate.query', flow: (deps) => new PlateQueryDialog(deps),
      label: { 'zh-CN': '查已选号牌', en: 'My reserved plate' },
      wechatMenu: { key: 'MENU_PLATE_QUERY' },
      consoleLabel: { 'zh-CN': '查已选号牌', en: 'Reserved plate' },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  prompts: Object.values(PLATES_PROMPTS),
  calls: {
    identity: BINDING_CALLS,
    plates: ['startRandomRound', 'checkPatterns', 'reserve', 'reservedPlate', 'vehicles'],
  },
};

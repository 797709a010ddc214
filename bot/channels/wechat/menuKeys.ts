import { translate } from '../../../dialogs/i18n/catalog';
import { LOCALES, type Locale } from '../../../dialogs/i18n/Locale';
import { SERVICE_INDEX } from '../../../dialogs/services';
import type { ServiceIndex } from '../../../dialogs/services/ServiceIndex';
import type { Labels } from '../../../dialogs/services/ServiceModule';

/** The custom menu's entry for a person (not a service): its key and the message its click stands for. */
const AGENT_KEY = 'MENU_AGENT';
const AGENT_LABEL_ID = 'main.service.agent';

/**
 * The official account's custom menu (自定义菜单): CLICK event keys and the catalogue message whose text the
 * click stands for, so a click behaves exactly as if the citizen had typed the service's name. The services'
 * keys come from their modules (dialogs/services).
 */
export function menuKeys(services: ServiceIndex): Readonly<Record<string, string>> {
  return { ...services.wechatMenuKeys, [AGENT_KEY]: AGENT_LABEL_ID };
}

export const MENU_KEYS: Readonly<Record<string, string>> = menuKeys(SERVICE_INDEX);

/** One entry of the menu as the messenger page shows it: a sub-menu of entries, or an entry of its own. */
export type WeChatMenuButton =
  | { readonly label: Labels; readonly items: ReadonlyArray<{ readonly key: string; readonly label: Labels }> }
  | { readonly key: string; readonly label: Labels };

/** The custom menu as the account shows it: the services' sub-menus, then the agent. */
export function wechatMenu(services: ServiceIndex): WeChatMenuButton[] {
  return [
    ...services.wechatMenu.map((g) => ({ label: g.label, items: g.items })),
    { key: AGENT_KEY, label: Object.fromEntries(LOCALES.map((l) => [l, translate(l, AGENT_LABEL_ID)])) as Record<Locale, string> },
  ];
}

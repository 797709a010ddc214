import type { Dialog } from 'botbuilder-dialogs';
import type { DialogDeps } from '../DialogDeps';
import { addCatalogue, type CatalogueMessages } from '../i18n/catalog';
import { LOCALES, type Locale } from '../i18n/Locale';
import type { Understanding } from '../../nlu-models/recognizer/Understanding';
import { WECHAT_MENU_GROUPS, type Labels, type ServiceIntentDefinition, type ServiceModule, type WeChatMenuGroup } from './ServiceModule';

/** One flow dialog per service intent. */
export type FlowRegistry = Readonly<Record<string, Dialog>>;

/** The message id of an intent's label (its buttons' text). */
export const serviceLabelId = (intent: string): string => `main.service.${intent}`;

/** A sub-menu of the official account's custom menu, with its entries in order. */
export interface WeChatSubMenu {
  readonly group: WeChatMenuGroup;
  readonly label: Labels;
  readonly items: ReadonlyArray<{ readonly key: string; readonly label: Labels }>;
}

/**
 * Everything derived from a list of service modules: the service intents (in menu order), their families,
 * the main menu, the flow dialogs, the console labels and the WeChat menu. Building it checks the list
 * (names, intents and menu keys unique) and adds each service's catalogue, with its intents' labels as
 * main.service.<intent>, to the message catalogues.
 */
export class ServiceIndex {
  readonly intents: readonly ServiceIntentDefinition[];
  /** The service intents' names, in the order of the modules. */
  readonly names: readonly string[];
  /** The buttons of the main menu, in menu order. */
  readonly menuIntents: readonly string[];
  private readonly byIntent: ReadonlyMap<string, ServiceIntentDefinition>;

  constructor(readonly modules: readonly ServiceModule[]) {
    unique('service', modules.map((m) => m.name));
    this.intents = modules.flatMap((m) => m.intents);
    unique('service intent', this.intents.map((d) => d.intent));
    unique('WeChat menu key', this.intents.flatMap((d) => (d.wechatMenu ? [d.wechatMenu.key] : [])));
    this.byIntent = new Map(this.intents.map((d) => [d.intent, d]));
    this.names = this.intents.map((d) => d.intent);
    this.menuIntents = this.intents.filter((d) => d.menuOrder !== undefined)
      .sort((a, b) => (a.menuOrder ?? 0) - (b.menuOrder ?? 0)).map((d) => d.intent);
    for (const m of modules) {
      addCatalogue(`${m.name}.labels`, labelCatalogue(m));
      addCatalogue(m.name, m.messages);
    }
  }

  /** The tasks the operations view follows: each intent that declares doneWhen, with its calls as port.method. */
  get taskConfirmations(): ReadonlyMap<string, readonly string[]> {
    return new Map(this.intents.flatMap((d) => (d.doneWhen
      ? [[d.intent, Object.entries(d.doneWhen).flatMap(([port, methods]) => (methods ?? []).map((m: string) => `${port}.${m}`))] as const]
      : [])));
  }

  isServiceIntent(intent: string): boolean {
    return this.byIntent.has(intent);
  }

  /** The service intent a core intent stands for right after the flow of `after` (its followUps), if any. */
  followUp(after: string | undefined, intent: string): string | undefined {
    return after === undefined ? undefined : this.byIntent.get(after)?.followUps?.[intent];
  }

  /** Builds the flow dialog of every service intent. */
  /** The intent whose flow takes this message before anything else (an emergency), if any. */
  takenFirst(deps: DialogDeps, text: string): string | undefined {
    return this.intents.find((d) => d.takesFirst?.(deps, text))?.intent;
  }

  /** The intent whose flow can answer a message the intent model was unsure of, if any. */
  takenUnclear(deps: DialogDeps, u: Understanding, locale: Locale): string | undefined {
    return this.intents.find((d) => d.takesUnclear?.(deps, u, locale))?.intent;
  }

  /** Intents offered as "did you mean" buttons when a message was unclear (not those that answer unclear messages themselves). */
  isGuessable(intent: string): boolean {
    return this.isServiceIntent(intent) && !this.intents.find((d) => d.intent === intent)?.takesUnclear;
  }

  flows(deps: DialogDeps): FlowRegistry {
    return Object.fromEntries(this.intents.map((d) => [d.intent, d.flow(deps)]));
  }

  /** How the agent console names each service intent. */
  get consoleLabels(): ReadonlyArray<{ intent: string; label: Labels }> {
    return this.intents.map((d) => ({ intent: d.intent, label: d.consoleLabel }));
  }

  /** The custom menu's CLICK keys → the message id of the label a click stands for. */
  get wechatMenuKeys(): Record<string, string> {
    return Object.fromEntries(this.intents.flatMap((d) => (d.wechatMenu ? [[d.wechatMenu.key, serviceLabelId(d.intent)]] : [])));
  }

  /** The custom menu's sub-menus (groups in their declared order, entries in menu order). */
  get wechatMenu(): WeChatSubMenu[] {
    const shown = this.intents.filter((d) => d.wechatMenu?.group)
      .sort((a, b) => (a.menuOrder ?? Number.MAX_SAFE_INTEGER) - (b.menuOrder ?? Number.MAX_SAFE_INTEGER));
    return (Object.keys(WECHAT_MENU_GROUPS) as WeChatMenuGroup[]).map((group) => ({
      group,
      label: WECHAT_MENU_GROUPS[group],
      items: shown.filter((d) => d.wechatMenu?.group === group)
        .map((d) => ({ key: d.wechatMenu?.key ?? '', label: d.wechatMenu?.label ?? d.label })),
    })).filter((g) => g.items.length > 0);
  }
}

function unique(what: string, names: readonly string[]): void {
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length) throw new Error(`${what} listed twice: ${[...new Set(twice)].join(', ')}`);
}

/** The intents' labels of a module as a catalogue (main.service.<intent>), made once per module. */
const labelCatalogues = new WeakMap<ServiceModule, CatalogueMessages>();
function labelCatalogue(m: ServiceModule): CatalogueMessages {
  const made = labelCatalogues.get(m);
  if (made) return made;
  const inLocale = (l: Locale) => Object.fromEntries(m.intents.map((d) => [serviceLabelId(d.intent), d.label[l]]));
  const labels = Object.fromEntries(LOCALES.map((l) => [l, inLocale(l)])) as Record<Locale, Record<string, string>>;
  labelCatalogues.set(m, labels);
  return labels;
}

import { addCatalogue, hasMessage, translate } from '../../dialogs/i18n/catalog';
import { BINDING_PROMPTS } from '../../dialogs/identity/prompts';
import type { PromptDefinition } from '../../dialogs/prompts/PromptDefinition';
import type { Locale } from '../../dialogs/i18n/Locale';
import { consoleIntentLabels } from '../../dialogs/main/coreIntents';
import type { ServiceIndex } from '../../dialogs/services/ServiceIndex';
import { UNANSWERED_INTENT } from '../../dialogs/services/knowledge/KnowledgeAnswerDialog';
import en from './i18n/en.json';
import zhCN from './i18n/zh-CN.json';

addCatalogue('ops', { 'zh-CN': zhCN, en });

/** Every question a task can stop at: the services' declared ones, and binding's (asked inside the services that need it). */
export function declaredQuestions(services: ServiceIndex): PromptDefinition[] {
  return [...services.modules.flatMap((m) => m.prompts ?? []), ...Object.values(BINDING_PROMPTS)];
}

/** The operations view's names for what it counts, in plain words (the page is Chinese: zh-CN by default). */
export class OpsLabels {
  private readonly intents: ReadonlyMap<string, string>;
  private readonly steps: ReadonlyMap<string, string>;

  constructor(services: ServiceIndex, private readonly topics: ReadonlyMap<string, string> = new Map(), private readonly locale: Locale = 'zh-CN') {
    this.intents = new Map(consoleIntentLabels(services).map((d) => [d.intent, d.label[locale]]));
    this.steps = new Map(declaredQuestions(services).map((p) => [p.id, p.step[locale]]));
  }

  /** A service intent's name (the agent console's). */
  service(intent: string): string {
    return this.intents.get(intent) ?? this.t('ops.group.other');
  }

  /** A task's step: the question it showed (its prompt id); none before the first question. */
  step(id: string | undefined): string {
    if (!id) return this.t('ops.step.none');
    return this.steps.get(id) ?? this.t('ops.step.other');
  }

  /** A group of messages not understood: the NLU's best guess, or the knowledge base had no card. */
  group(group: string): string {
    if (group === 'None') return this.t('ops.group.None');
    if (group === UNANSWERED_INTENT) return this.t('ops.group.unanswered');
    if (group.startsWith('faq.')) return this.t('ops.group.faq');
    const label = this.intents.get(group);
    return label ? translate(this.locale, 'ops.group.guess', { label }) : this.t('ops.group.other');
  }

  /** Why a conversation went to a person (the agent console's words). */
  reason(reason: string): string {
    return hasMessage(this.locale, `agentConsole.reason.${reason}`) ? this.t(`agentConsole.reason.${reason}`) : this.t('ops.group.other');
  }

  /** A notice topic's title (its template's). */
  topic(topic: string): string {
    return this.topics.get(topic) ?? this.t('ops.group.other');
  }

  /** A figure's name (ops.figure.<name>), with its parameters. */
  figure(name: string, params: Readonly<Record<string, string | number>> = {}): string {
    return translate(this.locale, `ops.figure.${name}`, params);
  }

  /** A word of the CSV export (ops.csv.<name>). */
  csv(name: string): string {
    return this.t(`ops.csv.${name}`);
  }

  channel(channel: string): string {
    return hasMessage(this.locale, `ops.channel.${channel}`) ? this.t(`ops.channel.${channel}`) : this.t('ops.channel.other');
  }

  private t(key: string): string {
    return translate(this.locale, key);
  }
}

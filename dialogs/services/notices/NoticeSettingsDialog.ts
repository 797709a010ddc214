import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog, WaterfallDialog, type Choice, type DialogTurnResult, type FoundChoice, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { DialogDeps } from '../../DialogDeps';
import { localeOf, msg } from '../../i18n/turnLocale';
import { ask, AskPrompt } from '../../prompts/AskPrompt';
import { isRedirect } from '../../prompts/PromptDefinition';
import { channelUserId } from '../../shared/channelUserId';
import type { FlowOptions } from '../../shared/FlowOptions';
import { consentStates, type TopicState } from './consentStates';
import type { NoticeConsents } from './NoticeConsents';
import type { NoticeTopicId } from './NoticeTopic';
import { topicLabel, topicList } from './noticeText';
import { NOTICE_PROMPTS } from './prompts';
import { decodeSettingsAnswer, encodeSettingsAnswer, readSettingsAnswer, type SettingsAnswer } from './settingsAnswers';
import { NOTICE_TOPICS } from './topics';

export const NOTICE_SETTINGS_DIALOG = 'notices.settingsDialog';
const MAIN = 'notices.settings.main';
const LOOP = 'notices.settings.loop';

/** What 「提醒设置」 keeps between turns: what this conversation changed (said when the citizen leaves or stops). */
export interface NoticeSettingsState {
  turnedOn: NoticeTopicId[];
  turnedOff: NoticeTopicId[];
}

type Step = WaterfallStepContext<NoticeSettingsState>;

function key(text: string): string {
  return text.toLowerCase().replace(/[\s()（）「」"“”]+/g, '');
}

/** Whether notices can reach this citizen at all (the official account's followers only), and how to ask the store. */
export function reachable(deps: DialogDeps, ctx: TurnContext): { notices: NoticeConsents; citizen: string } | undefined {
  const citizen = channelUserId(ctx);
  return deps.notices?.deliverable(citizen) ? { notices: deps.notices, citizen } : undefined;
}

/**
 * 「提醒设置」: the notice topics with their state for this citizen (开 / 关 / 未设置 / 微信拒收, with what to do in
 * WeChat), numbered; the citizen turns one the other way by number or name, says 「打开/关闭…」, 「全部打开」,
 * 「全部关闭」 or leaves (「完成」). Each change is recorded at once and told as the store reports it (a topic already in that
 * state is said to be unchanged). Outside WeChat it says plainly that notices come only through the official account.
 * Ends with true when something changed, else null.
 */
export class NoticeSettingsDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(NOTICE_SETTINGS_DIALOG);
    this.addDialog(new AskPrompt(NOTICE_PROMPTS.settings, deps, {
      read: (ctx, text, options) => {
        // An option's own text (a bare number on WeChat arrives as it) picks that option.
        const offered = (options.choices ?? []).map((c) => key(typeof c === 'string' ? c : c.value));
        if (offered.includes(key(text))) return undefined;
        const a = readSettingsAnswer(text, localeOf(ctx));
        return a ? encodeSettingsAnswer(a) : undefined;
      },
    }));
    this.addDialog(new WaterfallDialog<FlowOptions>(MAIN, [this.start.bind(this)]));
    this.addDialog(new WaterfallDialog<NoticeSettingsState>(LOOP, [this.show.bind(this), this.change.bind(this)]));
    this.initialDialogId = MAIN;
  }

  private async start(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const ctx = step.context;
    const at = reachable(this.deps, ctx);
    if (!at) {
      await ctx.sendActivity(msg(ctx, 'notices.wechatOnly'));
      return step.endDialog(null);
    }
    const state: NoticeSettingsState = { turnedOn: [], turnedOff: [] };
    // 「关闭新违法提醒」 as the first message: done at once, then the list (only a named topic: 「订阅提醒」 just opens the list).
    const first = step.options.text ? readSettingsAnswer(step.options.text, localeOf(ctx)) : undefined;
    if (first?.kind === 'set') {
      const ok = await this.apply(ctx, at, first, state);
      if (!ok) return step.endDialog(null);
    }
    return step.replaceDialog(LOOP, state);
  }

  private async show(step: Step): Promise<DialogTurnResult> {
    const ctx = step.context;
    const at = reachable(this.deps, ctx);
    if (!at) return step.endDialog(null);
    let states: Record<NoticeTopicId, TopicState>;
    try {
      states = await consentStates(at.notices, at.citizen);
    } catch {
      await ctx.sendActivity(msg(ctx, 'notices.saveFailed'));
      return step.endDialog(this.changed(step.options));
    }
    const locale = localeOf(ctx);
    const choices: Choice[] = [
      ...NOTICE_TOPICS.map((t): Choice => ({
        value: msg(ctx, 'notices.option', { topic: t.label[locale], state: msg(ctx, `notices.state.${states[t.id]}`) }),
        synonyms: [t.label[locale]],
      })),
      { value: msg(ctx, 'notices.settings.allOn') },
      { value: msg(ctx, 'notices.settings.allOff') },
      { value: msg(ctx, 'notices.settings.done') },
    ];
    const refused = NOTICE_TOPICS.some((t) => states[t.id] === 'refused');
    const prompt = [msg(ctx, 'notices.settings.ask'), ...(refused ? [msg(ctx, 'notices.settings.refusedNote')] : [])].join('\n');
    return ask(step, NOTICE_PROMPTS.settings, {
      prompt, choices, retryPrompt: `${msg(ctx, 'notices.settings.retry')}\n${prompt}`, doneSoFar: this.summary(ctx, step.options),
    });
  }

  private async change(step: Step): Promise<DialogTurnResult> {
    const ctx = step.context;
    const state = step.options;
    const at = reachable(this.deps, ctx);
    const r = step.result as FoundChoice;
    if (!at || isRedirect(r)) return step.endDialog(this.changed(state));
    const n = NOTICE_TOPICS.length;
    const topic = r.index >= 0 && r.index < n ? NOTICE_TOPICS[r.index] : undefined;
    let answer: SettingsAnswer | undefined;
    if (r.index === -1) answer = decodeSettingsAnswer(r.value);
    else if (topic) answer = { kind: 'set', topic: topic.id, on: !(await this.isOn(at, topic.id)) };
    else if (r.index === n) answer = { kind: 'all', on: true };
    else if (r.index === n + 1) answer = { kind: 'all', on: false };
    else answer = { kind: 'done' };
    if (!answer || answer.kind === 'done') {
      await ctx.sendActivity(this.changed(state)
        ? msg(ctx, 'notices.settings.finished', { changes: this.summary(ctx, state) })
        : msg(ctx, 'notices.settings.unchanged'));
      return step.endDialog(this.changed(state));
    }
    if (answer.kind === 'show') return step.replaceDialog(LOOP, state);
    const ok = await this.apply(ctx, at, answer, state);
    if (!ok) return step.endDialog(this.changed(state));
    return step.replaceDialog(LOOP, state);
  }

  private async isOn(at: { notices: NoticeConsents; citizen: string }, topic: NoticeTopicId): Promise<boolean> {
    const states = await consentStates(at.notices, at.citizen);
    return states[topic] === 'granted';
  }

  /** Records one change and tells exactly what the store changed; false when the store failed (told too). */
  private async apply(
    ctx: TurnContext, at: { notices: NoticeConsents; citizen: string }, a: SettingsAnswer, state: NoticeSettingsState,
  ): Promise<boolean> {
    if (a.kind === 'done' || a.kind === 'show') return true;
    try {
      const before = await consentStates(at.notices, at.citizen);
      const wanted = a.kind === 'set'
        ? [a.topic]
        // All on: every topic not on; all off: the ones on (granted, or granted but refused by WeChat): never-answered ones stay unset.
        : NOTICE_TOPICS.map((t) => t.id).filter((t) => (a.on ? before[t] !== 'granted' : before[t] === 'granted' || before[t] === 'refused'));
      const changed = wanted.length ? await at.notices.set(at.citizen, wanted, a.on ? 'granted' : 'revoked') : [];
      this.remember(state, changed, a.on);
      await ctx.sendActivity(this.told(ctx, a, changed, before));
      return true;
    } catch {
      await ctx.sendActivity(msg(ctx, 'notices.saveFailed'));
      return false;
    }
  }

  private told(ctx: TurnContext, a: Extract<SettingsAnswer, { kind: 'set' | 'all' }>, changed: NoticeTopicId[], before: Record<NoticeTopicId, TopicState>): string {
    const locale = localeOf(ctx);
    if (a.kind === 'all') {
      if (changed.length === 0) return msg(ctx, a.on ? 'notices.settings.allWereOn' : 'notices.settings.allWereOff');
      const lines = [msg(ctx, a.on ? 'notices.settings.allTurnedOn' : 'notices.settings.allTurnedOff', { count: changed.length, topics: topicList(ctx, changed) })];
      const refused = changed.filter((t) => a.on && before[t] === 'refused');
      if (refused.length) lines.push(msg(ctx, 'notices.settings.refusedStill', { topic: topicList(ctx, refused) }));
      return lines.join('\n');
    }
    const topic = topicLabel(ctx, a.topic);
    if (!changed.includes(a.topic)) return msg(ctx, a.on ? 'notices.settings.alreadyOn' : 'notices.settings.alreadyOff', { topic });
    if (!a.on) return msg(ctx, 'notices.settings.turnedOff', { topic });
    const description = NOTICE_TOPICS.find((t) => t.id === a.topic)?.description[locale] ?? '';
    const lines = [msg(ctx, 'notices.settings.turnedOn', { topic, description })];
    if (before[a.topic] === 'refused') lines.push(msg(ctx, 'notices.settings.refusedStill', { topic }));
    return lines.join('\n');
  }

  private remember(state: NoticeSettingsState, changed: readonly NoticeTopicId[], on: boolean): void {
    const [add, drop] = on ? [state.turnedOn, state.turnedOff] : [state.turnedOff, state.turnedOn];
    for (const t of changed) {
      const i = drop.indexOf(t);
      // Turned on and off again in one conversation: no change after all.
      if (i >= 0) drop.splice(i, 1);
      else if (!add.includes(t)) add.push(t);
    }
  }

  private changed(state: NoticeSettingsState): true | null {
    return state.turnedOn.length + state.turnedOff.length > 0 ? true : null;
  }

  /** 「本次打开：…。本次关闭：…。」, or that nothing changed. */
  private summary(ctx: TurnContext, state: NoticeSettingsState): string {
    const parts = [
      ...(state.turnedOn.length ? [msg(ctx, 'notices.changes.on', { topics: topicList(ctx, state.turnedOn) })] : []),
      ...(state.turnedOff.length ? [msg(ctx, 'notices.changes.off', { topics: topicList(ctx, state.turnedOff) })] : []),
    ];
    return parts.length ? parts.join('') : msg(ctx, 'notices.changes.none');
  }
}

import {
  ComponentDialog, DialogTurnStatus, TextPrompt, WaterfallDialog,
  type Dialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Understanding } from '../../nlu-models/recognizer/Understanding';
import type { DialogDeps } from '../DialogDeps';
import { localeOf, msg } from '../i18n/turnLocale';
import type { FlowOptions } from '../shared/FlowOptions';
import { understandTurn } from '../shared/understandTurn';
import { sensitiveInputOf } from '../shared/sensitiveInput';
import { maskCitizenMessage } from '../../integrations/privacy/maskCitizenMessage';
import { isComplaint, requestHandoff } from '../handoff/requestHandoff';
import { serviceButtons } from './menu';
import type { FlowRegistry, ServiceIndex } from '../services/ServiceIndex';
import { activeAskPrompt } from '../prompts/AskPrompt';
import { SIDE_TRIP_DIALOG, SideTripDialog, type SideTripOptions } from './SideTripDialog';

export const MAIN_DIALOG = 'mainDialog';
const LOOP = 'main.loop';
const INPUT_PROMPT = 'main.input';

/** Below this score the bot asks instead of guessing. */
export const CONFIDENT = 0.6;
/** A message the open question did not take as an answer is a side question (another request) above this score. */
export const SWITCH_CONFIDENT = 0.75;
/** A service is suggested in a clarifying question only above this score. */
export const MIN_GUESS = 0.1;
/** Control intents (help, cancel, agent) interrupt a flow above this score. */
export const CONTROL_CONFIDENT = 0.7;
/** After this many answers in a row that a question did not understand, the citizen is offered a person. */
export const GIVE_UP_AFTER = 3;

/** The main loop's state, carried from one loop to the next. */
export interface MainLoopState {
  /** Route the message that started this loop instead of waiting for a new one. */
  routeCurrent?: boolean;
  /** Misunderstood messages in a row. */
  misses?: number;
  /** Intents of the recent messages (for a handoff), oldest first. */
  intents?: string[];
  /** The service of the flow this loop started. */
  started?: string;
  /** The service whose flow just completed something (booked, paid…): a yes right after it is answered as done. */
  finished?: string;
  /** The service of the flow that just ended (whatever its outcome): a follow-up (「把它取消了吧」) refers to it. */
  previous?: string;
  /** Said once the flow this loop starts has ended: what became of the flow an emergency interrupted. */
  stoppedNote?: string;
}

/** A yes after a completed flow is taken as a repeated confirmation only above this score. */
const REPEATED_YES = 0.8;

const RECENT_INTENTS = 5;

/**
 * The conversation's root: understands each message, answers small talk and control intents, starts the
 * flow for a service with the entities already found, asks when unsure (with the two likeliest services)
 * and, after two misunderstandings in a row, hands the conversation to a person (as on request or complaint). While a flow runs, help / cancel / agent
 * and a confident request for another service interrupt it; the flow then resumes where it was.
 *
 * The services come from a service index (dialogs/services): their intents, families, menu and flow dialogs
 * (built from the index unless given, e.g. stand-ins in a test).
 */
export class MainDialog extends ComponentDialog {
  private readonly flowIntent = new Map<string, string>();

  constructor(private readonly deps: DialogDeps, private readonly services: ServiceIndex, flows: FlowRegistry = services.flows(deps)) {
    super(MAIN_DIALOG);
    this.addDialog(new TextPrompt(INPUT_PROMPT));
    this.addDialog(new WaterfallDialog(LOOP, [this.input.bind(this), this.route.bind(this), this.next.bind(this)]));
    this.addDialog(new SideTripDialog());
    for (const [intent, dialog] of Object.entries(flows) as Array<[string, Dialog]>) {
      this.addDialog(dialog);
      this.flowIntent.set(dialog.id, intent);
    }
    this.initialDialogId = LOOP;
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: MainLoopState): Promise<DialogTurnResult> {
    return innerDc.beginDialog(LOOP, { routeCurrent: true, ...options });
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(innerDc);
    return interrupted ?? super.onContinueDialog(innerDc);
  }

  private understand(dc: DialogContext): Understanding {
    return understandTurn(dc.context, this.deps);
  }

  /** The service of the flow currently running, if any (the topmost flow on the stack). */
  private activeFlow(innerDc: DialogContext): string | undefined {
    for (const entry of [...innerDc.stack].reverse()) {
      const intent = this.flowIntent.get(entry.id);
      if (intent) return intent;
    }
    return undefined;
  }

  /**
   * Interruptions, in one place. A message that answers the open question (read by the question itself, AskPrompt)
   * goes to it; otherwise a person, stop, help, a question about anything else (answered as a side trip, then the
   * question is asked again) or, after the third answer in a row that was not understood, a person.
   */
  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const text = (innerDc.context.activity.text ?? '').trim();
    const flow = this.activeFlow(innerDc);
    if (!flow || !text) return undefined;
    const ctx = innerDc.context;
    const asking = activeAskPrompt(innerDc);
    if (this.services.takenFirst(this.deps, text)) {
      // An emergency (an accident with injuries): safety advice before anything else; the flow stops (never a form).
      const done = asking?.state.options.doneSoFar ?? msg(ctx, 'prompt.nothingDone');
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(LOOP, { routeCurrent: true, stoppedNote: msg(ctx, 'main.flowStopped', { service: msg(ctx, `main.service.${flow}`), done }) });
    }
    if (asking) {
      if (asking.prompt.interpret(ctx, asking.state).act !== 'other') return undefined;
    } else if (/^\d{1,2}$/.test(text)) return undefined;
    const u = this.understand(innerDc);
    const done = asking?.state.options.doneSoFar ?? msg(ctx, 'prompt.nothingDone');
    if ((u.intent === 'agent.handoff' && u.score >= CONTROL_CONFIDENT) || isComplaint(text)) {
      // The citizen wants a person: the flow stops here (what was already done stays done).
      await innerDc.cancelAllDialogs();
      await requestHandoff(ctx, isComplaint(text) ? 'complaint' : 'requested', [flow, u.intent]);
      return innerDc.beginDialog(LOOP, { routeCurrent: false });
    }
    if (u.intent === 'cancel' && u.score >= CONTROL_CONFIDENT) {
      await innerDc.cancelAllDialogs();
      await ctx.sendActivity(msg(ctx, 'main.flowCancelled', { service: msg(ctx, `main.service.${flow}`), done }));
      return innerDc.beginDialog(LOOP, { routeCurrent: false });
    }
    if (u.intent === 'help' && u.score >= CONTROL_CONFIDENT) {
      await ctx.sendActivity(msg(ctx, 'main.help'));
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    if (u.intent.startsWith('faq.') && u.score >= SWITCH_CONFIDENT) {
      const answer = this.deps.nlu.answer?.(u.intent, localeOf(ctx));
      if (answer) {
        await ctx.sendActivity(answer);
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      }
    }
    if (this.services.isServiceIntent(u.intent) && u.score >= SWITCH_CONFIDENT) {
      if (u.intent === flow) {
        if (!asking) return undefined;
        await ctx.sendActivity(msg(ctx, 'prompt.sameFlow'));
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      }
      const target = this.flowFor(u.intent);
      if (target) return this.detour(innerDc, target, u, flow);
    }
    if (u.score < CONFIDENT || u.intent === 'None') {
      // A question the intent model was unsure of that a service can answer (a rule question): a side trip too.
      const answers = this.services.takenUnclear(this.deps, u, localeOf(ctx));
      const target = answers && answers !== flow ? this.flowFor(answers) : undefined;
      if (target) return this.detour(innerDc, target, u, flow);
    }
    if (asking && asking.state.failures + 1 >= GIVE_UP_AFTER) {
      await innerDc.cancelAllDialogs();
      await ctx.sendActivity(msg(ctx, 'prompt.giveUp', { done }));
      await requestHandoff(ctx, 'misunderstood', [flow, u.intent]);
      return innerDc.beginDialog(LOOP, { routeCurrent: false });
    }
    return undefined;
  }

  /**
   * One detour at a time: the first interrupted service is the one that resumes. Asking for a third service
   * during a detour replaces the detour's flow; asking for the interrupted service again ends the detour.
   * (Without this, every switch stacked another flow on the conversation's state.)
   */
  private async detour(innerDc: DialogContext, target: string, u: Understanding, flow: string): Promise<DialogTurnResult> {
    const below = innerDc.stack[innerDc.stack.length - 2];
    if (below?.id !== SIDE_TRIP_DIALOG) {
      return innerDc.beginDialog(SIDE_TRIP_DIALOG, { target, entities: u.entities, text: u.text, resume: flow } satisfies SideTripOptions);
    }
    const { resume } = below.state.options as SideTripOptions;
    if (resume === u.intent) return innerDc.endDialog();
    return innerDc.replaceDialog(target, { entities: u.entities, text: u.text } satisfies FlowOptions);
  }

  private flowFor(intent: string): string | undefined {
    for (const [id, i] of this.flowIntent) if (i === intent) return id;
    return undefined;
  }

  private async input(step: WaterfallStepContext<MainLoopState>): Promise<DialogTurnResult> {
    if (step.options.routeCurrent && step.context.activity.text) return step.next(step.context.activity.text);
    return step.prompt(INPUT_PROMPT, {});
  }

  private async route(step: WaterfallStepContext<MainLoopState>): Promise<DialogTurnResult> {
    const ctx = step.context;
    const u = this.understand(step);
    const misses = step.options.misses ?? 0;
    const intents = [...(step.options.intents ?? []), u.intent].slice(-RECENT_INTENTS);
    const again = (state: MainLoopState) => step.replaceDialog(LOOP, { routeCurrent: false, intents, ...state });
    if (isComplaint(ctx.activity.text ?? '')) {
      await requestHandoff(ctx, 'complaint', intents);
      return again({});
    }
    const first = this.services.takenFirst(this.deps, ctx.activity.text ?? '');
    const unclear = u.score < CONFIDENT || u.intent === 'None';
    const answers = first ?? (unclear ? this.services.takenUnclear(this.deps, u, localeOf(ctx)) : undefined);
    const answerFlow = answers ? this.flowFor(answers) : undefined;
    if (answers && answerFlow) {
      // An emergency, or a question the intent model was unsure of that a service can answer (a rule question).
      step.options.intents = intents;
      step.options.started = answers;
      return step.beginDialog(answerFlow, { entities: u.entities, text: u.text } satisfies FlowOptions);
    }
    if (await this.repeatedYes(step, u)) return again({});
    const followUp = u.score >= CONFIDENT ? this.services.followUp(step.options.previous, u.intent) : undefined;
    const followFlow = followUp ? this.flowFor(followUp) : undefined;
    if (followUp && followFlow) {
      step.options.intents = intents;
      step.options.started = followUp;
      return step.beginDialog(followFlow, { entities: u.entities, text: u.text } satisfies FlowOptions);
    }
    if (this.services.isServiceIntent(u.intent) && u.score >= CONFIDENT) {
      const target = this.flowFor(u.intent);
      if (target) {
        step.options.intents = intents;
        step.options.started = u.intent;
        return step.beginDialog(target, { entities: u.entities, text: u.text } satisfies FlowOptions);
      }
    }
    if (u.score < CONFIDENT || u.intent === 'None') {
      // For the admins' misunderstood inbox (codes masked here, other personal data by the store before writing).
      void this.deps.inbox?.record({ text: maskCitizenMessage(ctx.activity.text ?? '', sensitiveInputOf(ctx)), locale: localeOf(ctx), intent: u.intent, score: u.score, at: this.deps.clock.now().getTime(), conversationId: ctx.activity.conversation?.id });
    }
    if (u.intent.startsWith('faq.') && u.score >= CONFIDENT) {
      const answer = this.deps.nlu.answer?.(u.intent, localeOf(ctx));
      if (answer) {
        await ctx.sendActivity(answer);
        return again({});
      }
    }
    switch (u.score >= CONFIDENT ? u.intent : 'None') {
      case 'greet':
        await ctx.sendActivity(serviceButtons(ctx, msg(ctx, 'main.welcome'), this.services.menuIntents));
        return again({});
      case 'help':
        await ctx.sendActivity(serviceButtons(ctx, msg(ctx, 'main.help'), this.services.menuIntents));
        return again({});
      case 'thanks':
        await ctx.sendActivity(msg(ctx, 'main.thanks'));
        return again({});
      case 'goodbye':
        await ctx.sendActivity(msg(ctx, 'main.goodbye'));
        return again({});
      case 'cancel':
        await ctx.sendActivity(msg(ctx, 'main.nothingToCancel'));
        return again({});
      case 'agent.handoff':
        await requestHandoff(ctx, 'requested', intents);
        return again({});
      default:
        return this.misunderstood(step, u, misses + 1, intents);
    }
  }

  /** Ask with the two likeliest services, or after the second miss in a row offer a person. */
  private async misunderstood(
    step: WaterfallStepContext<MainLoopState>, u: Understanding, misses: number, intents: string[],
  ): Promise<DialogTurnResult> {
    const ctx = step.context;
    if (misses >= 2) {
      await ctx.sendActivity(msg(ctx, 'main.offerAgent'));
      await requestHandoff(ctx, 'misunderstood', intents);
      return step.replaceDialog(LOOP, { routeCurrent: false, misses: 0, intents });
    }
    const guesses = u.alternatives.filter((a) => a.score >= MIN_GUESS).map((a) => a.intent).filter((i) => this.services.isGuessable(i)).slice(0, 2);
    if (guesses.length === 0) await ctx.sendActivity(msg(ctx, 'main.clarifyNoGuess'));
    else await ctx.sendActivity(serviceButtons(ctx, msg(ctx, 'main.clarify'), guesses));
    return step.replaceDialog(LOOP, { routeCurrent: false, misses, intents });
  }

  private async next(step: WaterfallStepContext<MainLoopState>): Promise<DialogTurnResult> {
    const { started, stoppedNote } = step.options;
    if (stoppedNote) await step.context.sendActivity(stoppedNote);
    return step.replaceDialog(LOOP, { routeCurrent: false, misses: 0, intents: step.options.intents, finished: step.result ? started : undefined, previous: started });
  }

  /** 「是」「好的付吧」 again after a flow completed: it is done already (never a second action, never unrelated suggestions). */
  private async repeatedYes(step: WaterfallStepContext<MainLoopState>, u: Understanding): Promise<boolean> {
    const finished = step.options.finished;
    if (!finished || (this.services.isServiceIntent(u.intent) && u.score >= CONFIDENT)) return false;
    const c = this.deps.acts.classify(step.context.activity.text ?? '', 'generic');
    if (c.act !== 'affirm' || c.score < REPEATED_YES) return false;
    await step.context.sendActivity(msg(step.context, 'main.alreadyDone', { service: msg(step.context, `main.service.${finished}`) }));
    return true;
  }
}

import type { BotState, Middleware, TurnContext } from 'botbuilder';
import type { ConversationFact, ConversationFacts } from '../../integrations/storage/conversationFacts';
import { conversationHash } from './conversationHash';
import { readStack, stackChanges, type StackEntry, type StackView } from './dialogStack';
import { withOpsTurn, type OpsTurn } from './opsTurn';
import { confirmedBy, type TaskConfirmations } from './taskConfirmations';

export interface ConversationFactsOptions {
  facts: ConversationFacts;
  /** The conversation state the dialogs keep their stack in (property DialogState). */
  state: BotState;
  /** Each service flow's dialog id → its service intent (from the service index). */
  flowService: ReadonlyMap<string, string>;
  /** The tasks the services declare (their doneWhen calls). */
  tasks: TaskConfirmations;
  /** The declared questions' prompt ids (the services' prompts.ts): the steps of a task. */
  prompts: ReadonlySet<string>;
  now: () => number;
  /** A fact that could not be written (the citizen's turn goes on). */
  onError: (err: unknown) => void;
}

const DIALOG_STATE = 'DialogState';

/**
 * Records what the operations view counts, for every citizen message, from the dialog stack before and after the
 * turn (no dialog reports anything): the message; the flows of services begun (task_started); the question a flow
 * shows when it changes (task_step); a task confirmed when a platform call its service declares (doneWhen)
 * succeeded during the turn. Inside the turn, the misunderstood inbox reports not-understood messages (observedInbox).
 */
export class ConversationFactsMiddleware implements Middleware {
  constructor(private readonly o: ConversationFactsOptions) {}

  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    const a = ctx.activity;
    if (a.type !== 'message' || !a.conversation?.id) {
      await next();
      return;
    }
    const channel = a.channelId ?? 'unknown';
    const conversation = conversationHash(`${channel}:${a.conversation.id}`);
    const write = (fact: Omit<ConversationFact, 'channel' | 'conversation' | 'at'>): void => {
      this.o.facts.append({ at: this.o.now(), channel, conversation, ...fact }).catch(this.o.onError);
    };
    write({ kind: 'message' });
    const before = await this.view(ctx, true);
    const turn: OpsTurn = { record: write, calls: new Set() };
    try {
      await withOpsTurn(turn, next);
    } finally {
      const after = await this.view(ctx, false);
      if (before && after) {
        const { started, step } = stackChanges(before, after);
        for (const service of started) write({ kind: 'task_started', service });
        if (step) write({ kind: 'task_step', service: step.service, step: step.id });
        for (const service of confirmedBy(turn.calls, [...before.flows.map((f) => f.service), ...started], this.o.tasks)) write({ kind: 'task_confirmed', service });
      }
    }
  }

  /** The conversation's dialog stack as loaded for the turn (loaded now when `load`), or undefined when unreadable. */
  private async view(ctx: TurnContext, load: boolean): Promise<StackView | undefined> {
    try {
      if (load) await this.o.state.load(ctx);
      const stack = (this.o.state.get(ctx)?.[DIALOG_STATE] as { dialogStack?: StackEntry[] } | undefined)?.dialogStack;
      // A copy: the dialogs change the loaded state in place during the turn.
      return readStack(JSON.parse(JSON.stringify(stack ?? [])) as StackEntry[], this.o.flowService, this.o.prompts);
    } catch (err) {
      this.o.onError(err);
      return undefined;
    }
  }
}

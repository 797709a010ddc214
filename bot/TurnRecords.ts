import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';

/** A turn's answer as a channel needs it to answer again; `key` names the message it answered. */
export interface TurnRecord {
  readonly key: string;
}

const RECORD = Symbol('jiaoguan.recordTurn');

/**
 * The answer of a conversation's last turn, kept in its conversation state and so saved in the same write as the
 * dialog state. A channel whose replies leave after the state is saved (WeChat's passive reply) asks for it: when
 * its process dies between the two, the retry of that message finds the answer here and sends it, instead of running
 * the turn again on a state that has already moved past the question (a booking made, its number never shown).
 */
export class TurnRecords {
  private readonly property: StatePropertyAccessor<TurnRecord | undefined>;

  constructor(private readonly conversationState: ConversationState) {
    this.property = conversationState.createProperty<TurnRecord | undefined>('LastTurn');
  }

  /** Called by a channel before the turn runs: `make` gives the record once the turn is over, just before the save. */
  static recordWith(ctx: TurnContext, make: () => TurnRecord): void {
    ctx.turnState.set(RECORD, make);
  }

  /** Called by the bot just before it saves the conversation state: puts the turn's record in it (when a channel asked). */
  async store(ctx: TurnContext): Promise<void> {
    const make = ctx.turnState.get(RECORD) as (() => TurnRecord) | undefined;
    if (make) await this.property.set(ctx, make());
  }

  /** The saved record of the turn that answered `key` (read afresh from storage), or undefined when that turn saved nothing. */
  async find<T extends TurnRecord>(ctx: TurnContext, key: string): Promise<T | undefined> {
    await this.conversationState.load(ctx, true);
    const record = await this.property.get(ctx);
    return record?.key === key ? (record as T) : undefined;
  }
}

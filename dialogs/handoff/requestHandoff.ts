import { EventFactory, type TurnContext } from 'botbuilder';
import type { HandoffReason } from '../../integrations/storage/handoffs';
import { localeOf } from '../i18n/turnLocale';

/** What a dialog tells the handoff layer (the `value` of the handoff.initiate event). */
export interface HandoffRequest {
  reason: HandoffReason;
  /** The intents of the citizen's recent messages, oldest first. */
  intents: string[];
  locale: string;
}

export const HANDOFF_INITIATE = 'handoff.initiate';

/**
 * Asks for a person, the Bot Framework way: a `handoff.initiate` event. The bot's handoff middleware queues
 * the conversation, attaches the transcript and tells the citizen what happens next.
 */
export async function requestHandoff(ctx: TurnContext, reason: HandoffReason, intents: readonly string[]): Promise<void> {
  const request: HandoffRequest = { reason, intents: [...intents], locale: localeOf(ctx) };
  await ctx.sendActivity(EventFactory.createHandoffInitiation(ctx, request));
}

/** Complaints go to a person first (they jump the queue). */
export function isComplaint(text: string): boolean {
  return /投诉|举报.{0,6}(民警|交警|工作人员|态度|服务)|态度(太)?(差|恶劣)|\bcomplain(t|ts|ing)?\b/i.test(text);
}

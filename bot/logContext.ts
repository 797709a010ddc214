import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while handling one conversation's message says about it. */
export interface LogContext {
  /** `<channel>:<conversation id>`, as the handoff queue and transcripts name a conversation. */
  conversationId: string;
}

const current = new AsyncLocalStorage<LogContext>();

/** Runs work (and everything it awaits) with the conversation's id on each log line (bot/logger.ts). */
export function withLogContext<T>(context: LogContext, work: () => T): T {
  return current.run(context, work);
}

/** The log context of the work in progress, if it is a conversation's. */
export function logContext(): LogContext | undefined {
  return current.getStore();
}

import pino, { type Logger } from 'pino';
import { maskPii } from '../integrations/privacy/maskPii';
import { logContext } from './logContext';

export type { Logger };

/** Masks ID numbers, phones, VINs and plates in every string of a log record, however deep. */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPii(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: maskPii(value.message), code: (value as { code?: unknown }).code };
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}

/**
 * Structured JSON logs (pino) in which no full ID number, phone number or VIN ever appears: the message
 * and every field are masked before they are written.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({
    level,
    base: { service: 'jiaoguan-bot' },
    // The conversation being handled, when there is one (bot/logContext.ts): a line's own field wins.
    mixin: () => ({ ...logContext() }),
    formatters: { log: (obj) => maskDeep(obj) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskPii(a) : a)) as Parameters<typeof method>;
        method.apply(this, masked);
      },
    },
  }, destination);
}

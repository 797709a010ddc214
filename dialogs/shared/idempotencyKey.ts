import { randomUUID } from 'node:crypto';

/**
 * A fresh idempotency key for one platform action. Dialogs create it when they ask for confirmation and keep it
 * in dialog state, so a repeated or re-delivered confirmation sends the same key and is never executed twice.
 */
export function newIdempotencyKey(action: 'book' | 'reserve' | 'handle' | 'pay'): string {
  return `${action}-${randomUUID()}`;
}

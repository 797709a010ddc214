import { errorMessage } from '../../errorMessage';
import { StorageUnavailableError } from '../errors';

/** Driver error names that mean "the database cannot be reached now" (the operation may succeed later). */
const UNAVAILABLE = new Set([
  'MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoServerSelectionError', 'MongoNotConnectedError',
  'MongoTopologyClosedError', 'MongoPoolClearedError',
]);

export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: unknown })?.code === 11000;
}

/** True for errors that mean MongoDB is unreachable (or mongoose has no connection to send the command on). */
export function isUnavailable(err: unknown): boolean {
  const e = err as { name?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.name && UNAVAILABLE.has(e.name)) return true;
  return e.name === 'MongooseError' && /buffering timed out|not connected|connection .* closed|before initial connection/i.test(e.message ?? '');
}

/**
 * Runs a database step; an unreachable database becomes StorageUnavailableError (the citizen gets a clear
 * message, the operation can be retried when MongoDB is back). Other errors pass through unchanged.
 */
export async function mongoStep<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (cause) {
    if (isUnavailable(cause)) throw new StorageUnavailableError(`${what}: MongoDB unavailable: ${errorMessage(cause)}`, { cause, store: what });
    throw cause;
  }
}

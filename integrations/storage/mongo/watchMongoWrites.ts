import type { StorageFaultCode } from '../errors';
import type { WriteHealth } from '../writeHealth';
import { isDuplicateKey } from './mongoErrors';

/** The driver's command monitoring events this needs (MongoClient with `monitorCommands: true`). */
export interface CommandEvents {
  on(event: 'commandSucceeded', listener: (e: { commandName: string; reply?: unknown }) => void): unknown;
  on(event: 'commandFailed', listener: (e: { commandName: string; failure?: unknown }) => void): unknown;
}

const WRITES = new Set(['insert', 'update', 'delete', 'findAndModify']);

interface ServerError { code?: unknown; codeName?: unknown; errmsg?: unknown; message?: unknown }

/** The fault code of a failed MongoDB write (server or driver error), or undefined for a store's own refusal (duplicate key). */
export function mongoWriteFault(error: ServerError | undefined): StorageFaultCode | undefined {
  if (!error) return 'STORAGE_UNAVAILABLE';
  if (isDuplicateKey(error)) return undefined;
  const text = `${String(error.codeName ?? '')} ${String(error.errmsg ?? error.message ?? '')}`;
  if (error.code === 14031 || /OutOfDiskSpace|no space left|disk is full/i.test(text)) return 'STORAGE_FULL';
  if (/read-?only/i.test(text)) return 'STORAGE_READONLY';
  return 'STORAGE_UNAVAILABLE';
}

/**
 * Feeds the write health from the driver's command monitoring: every insert/update/delete/findAndModify that
 * fails (refused command, write error, write concern error, lost connection) is a failure, every one that
 * succeeds a success. A duplicate key is the store's own refusal, neither.
 */
export function watchMongoWrites(client: CommandEvents, health: WriteHealth): void {
  client.on('commandSucceeded', (e) => {
    if (!WRITES.has(e.commandName)) return;
    const reply = (e.reply ?? {}) as { writeErrors?: ServerError[]; writeConcernError?: ServerError };
    const problem = reply.writeConcernError ?? reply.writeErrors?.find((w) => mongoWriteFault(w) !== undefined);
    if (problem) health.failed(mongoWriteFault(problem) ?? 'STORAGE_UNAVAILABLE', `MongoDB ${e.commandName}`);
    else if (!reply.writeErrors?.length) health.succeeded();
  });
  client.on('commandFailed', (e) => {
    if (!WRITES.has(e.commandName)) return;
    const code = mongoWriteFault(e.failure as ServerError | undefined);
    if (code) health.failed(code, `MongoDB ${e.commandName}`);
  });
}

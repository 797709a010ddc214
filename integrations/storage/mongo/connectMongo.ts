import mongoose, { type Connection } from 'mongoose';
import { errorMessage } from '../../errorMessage';
import { StorageUnavailableError } from '../errors';

/** The connection string without its password (for messages and logs). */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}

/**
 * Connects to MongoDB. A server that cannot be reached is a clear StorageUnavailableError at start-up (the bot
 * never falls back to another store). Commands are not buffered while the connection is down: they fail at
 * once as StorageUnavailableError (the citizen gets a clear message) and work again when the driver reconnects.
 */
export async function connectMongo(uri: string, options: { serverSelectionTimeoutMS?: number } = {}): Promise<Connection> {
  const conn = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5000,
    bufferCommands: false,
    autoIndex: true,
    maxPoolSize: 20,
    // Command events feed the stores' write health (watchMongoWrites.ts): readiness sees failing writes.
    monitorCommands: true,
  });
  try {
    await conn.asPromise();
  } catch (cause) {
    await conn.close().catch(() => undefined);
    throw new StorageUnavailableError(`STORE=mongo: cannot connect to MongoDB at ${redactUri(uri)}: ${errorMessage(cause)}`, { cause });
  }
  return conn;
}

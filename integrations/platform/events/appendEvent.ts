import type { SandboxStore } from '../sandbox/store';
import type { PlatformEvent } from './types';

/** An event as its writer gives it: the feed assigns the id. */
export type NewPlatformEvent = PlatformEvent extends infer E ? E extends PlatformEvent ? Omit<E, 'id'> : never : never;

/**
 * Appends an event to the sandbox's feed. Call it inside the write transaction of the change it reports, so the
 * event exists exactly when the change does. Sequence numbers are taken under SQLite's write lock (every sandbox
 * write is BEGIN IMMEDIATE), so they are handed out in commit order: a reader that has seen event n never later
 * finds a committed event below n.
 */
export function appendEvent(store: SandboxStore, event: NewPlatformEvent): void {
  store.db.prepare('INSERT INTO platform_events (type, at, id_number, plate, data) VALUES (?, ?, ?, ?, ?)')
    .run(event.type, event.at, event.idNumber ?? null, event.plate ?? null, JSON.stringify(event.data));
}

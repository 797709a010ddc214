import { PlatformError } from '../errors';
import { check } from '../sandbox/check';
import type { SandboxStore } from '../sandbox/store';
import type { EventPage, EventsPort, PlatformEvent } from './types';

const RULES = {
  maxLimit: 500,
} as const;

interface EventRow {
  seq: number;
  type: PlatformEvent['type'];
  at: string;
  id_number: string | null;
  plate: string | null;
  data: string;
}

/** Only the canonical form of a sequence number this feed may have handed out: '0' (the start) or 1, 2, … */
const CURSOR = /^(0|[1-9]\d{0,14})$/;

function toEvent(r: EventRow): PlatformEvent {
  return {
    id: String(r.seq),
    type: r.type,
    at: r.at,
    ...(r.id_number !== null ? { idNumber: r.id_number } : {}),
    ...(r.plate !== null ? { plate: r.plate } : {}),
    data: JSON.parse(r.data) as never,
  };
}

/**
 * The sandbox's events feed (the `platform_events` table, appended to by the sandbox where the events happen:
 * ../events/appendEvent). The cursor is the last event's sequence number as a string; '0' is the start.
 */
export class SandboxEvents implements EventsPort {
  static readonly rules = RULES;

  constructor(private readonly store: SandboxStore) {}

  async since(cursor: string | undefined, limit: number): Promise<EventPage> {
    const n = check.integer(limit, 'limit', 1, RULES.maxLimit);
    // One read transaction: the bound checked and the page read see the same events.
    return this.store.db.transaction((): EventPage => {
      const last = (this.store.db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM platform_events').get() as { seq: number }).seq;
      const after = cursor === undefined ? 0 : this.position(cursor, last);
      const rows = this.store.db.prepare('SELECT * FROM platform_events WHERE seq > ? ORDER BY seq LIMIT ?').all(after, n) as EventRow[];
      const events = rows.map(toEvent);
      return { events, cursor: events.at(-1)?.id ?? String(after) };
    })();
  }

  /**
   * Where a cursor points. A cursor beyond the last event was never handed out by this feed (garbled, or kept from a
   * sandbox database since reset): refused rather than read as "nothing new", which would hide every event to come.
   */
  private position(cursor: string, last: number): number {
    const seq = CURSOR.test(cursor) ? Number(cursor) : NaN;
    if (!Number.isSafeInteger(seq) || seq > last) {
      throw new PlatformError('EVENTS_BAD_CURSOR', 'unknown events cursor', { lastEventId: String(last) });
    }
    return seq;
  }
}

import type Database from 'better-sqlite3';
import type { Clock } from '../../clock';
import { applyMigrations, type Migration } from '../../storage/sqlite/migrate';
import { instantWithOffset } from './instantWithOffset';
import { SandboxClockError } from './SandboxClockError';

// A scope of its own (as the sandbox WeChat API has): the clock is not part of the traffic platform's schema.
const migrations: readonly Migration[] = [{
  version: 1,
  description: 'the sandbox clock: the instant a demo or test set, and the real instant it was set at',
  sql: `CREATE TABLE sandbox_clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),  -- one row: one time for every process on the file
    origin TEXT NOT NULL,                   -- what it started from: 'today:YYYY-MM-DD' (SANDBOX_TODAY) or 'system'
    base TEXT NOT NULL,                     -- the sandbox instant set (ISO)
    set_at TEXT NOT NULL                    -- the real instant it was set at (ISO)
  );`,
}];

/**
 * How long one read of the row serves: a turn asks the time many times and should not hit the database each
 * time; a change made by another process shows within this.
 */
const CACHE_MS = 250;

interface Setting {
  /** The sandbox instant set, in ms. */
  base: number;
  /** The real instant it was set at, in ms. */
  setAt: number;
}

export interface SandboxClockOptions {
  /** SANDBOX_TODAY (YYYY-MM-DD): the clock starts at 09:00 China time that day; real time otherwise. */
  today?: string;
  /** The real clock (tests move it by hand). */
  realNow?: () => number;
}

/**
 * The demo's sandbox time, kept in the sandbox database so every bot process (WORKERS=2) reads the same time:
 * the instant last set and the real instant it was set at; now = that instant + the real time since. A demo or a
 * test moves it forward (`set`), never back: bookings, payments and notices already happened at later times.
 * The time survives restarts (a kill -9'd worker comes back to the time the others have); a different starting
 * point (SANDBOX_TODAY changed or removed) starts it again from there.
 */
export class SandboxClock implements Clock {
  private readonly realNow: () => number;
  private readonly select: Database.Statement<[], { origin: string; base: string; set_at: string }>;
  private cached?: Setting & { readAt: number };

  constructor(private readonly db: Database.Database, options: SandboxClockOptions = {}) {
    this.realNow = options.realNow ?? Date.now;
    applyMigrations(db, 'sandbox-clock', migrations);
    this.select = db.prepare('SELECT origin, base, set_at FROM sandbox_clock WHERE id = 1');
    this.start(options.today);
  }

  now(): Date {
    const real = this.realNow();
    if (!this.cached || real - this.cached.readAt >= CACHE_MS || real < this.cached.readAt) this.cached = { ...this.reread(), readAt: real };
    return new Date(this.cached.base + (real - this.cached.setAt));
  }

  /**
   * Sets the sandbox time to `iso` (an ISO date-time with an offset, e.g. 2026-12-01T09:00:00+08:00), from now on
   * moving with real time; the same instant as now is accepted.
   * @throws SandboxClockError CLOCK_INVALID (not such a date-time), CLOCK_BACKWARDS (earlier than now)
   */
  set(iso: string): Date {
    const target = parseInstant(iso);
    const real = this.realNow();
    // Read and write under the write lock: two processes setting at once cannot move the time back between them.
    const setting = this.db.transaction((): Setting => {
      const current = this.read();
      const now = current.base + (real - current.setAt);
      if (target < now) {
        throw new SandboxClockError('CLOCK_BACKWARDS', `the sandbox clock never goes back: it is ${new Date(now).toISOString()}, ${iso} is earlier`);
      }
      this.db.prepare('UPDATE sandbox_clock SET base = ?, set_at = ? WHERE id = 1').run(new Date(target).toISOString(), new Date(real).toISOString());
      return { base: target, setAt: real };
    }).immediate();
    this.cached = { ...setting, readAt: real };
    return new Date(target);
  }

  /** Keeps the stored time when it started from the same point (another process, a restart); else starts it. */
  private start(today: string | undefined): void {
    const origin = today === undefined ? 'system' : `today:${today}`;
    const base = today === undefined ? undefined : parseInstant(`${today}T09:00:00+08:00`);
    this.db.transaction(() => {
      if (this.select.get()?.origin === origin) return;
      const real = this.realNow();
      this.db.prepare(`INSERT INTO sandbox_clock (id, origin, base, set_at) VALUES (1, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, base = excluded.base, set_at = excluded.set_at`)
        .run(origin, new Date(base ?? real).toISOString(), new Date(real).toISOString());
    }).immediate();
  }

  /**
   * The stored setting; when the database cannot be read (busy past its timeout, closed at shutdown) the last one
   * read, which is still right unless another process set the time meanwhile: a turn does not fail for the clock.
   */
  private reread(): Setting {
    if (!this.cached) return this.read();
    try {
      return this.read();
    } catch {
      return this.cached;
    }
  }

  private read(): Setting {
    const row = this.select.get();
    if (!row) throw new SandboxClockError('CLOCK_INVALID', 'the sandbox clock has no time: its row was deleted from the sandbox database');
    return { base: Date.parse(row.base), setAt: Date.parse(row.set_at) };
  }
}

/** The instant of an ISO date-time with an offset; refuses other forms and dates that do not exist (Feb 30). */
function parseInstant(text: string): number {
  const t = instantWithOffset(text);
  if (t === undefined) {
    throw new SandboxClockError('CLOCK_INVALID', `"${text.slice(0, 64)}" is not an ISO date-time with an offset, e.g. 2026-12-01T09:00:00+08:00`);
  }
  return t;
}

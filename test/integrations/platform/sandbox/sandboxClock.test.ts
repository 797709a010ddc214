import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chinaDate } from '../../../../integrations/clock';
import { SandboxClock } from '../../../../integrations/platform/sandbox/SandboxClock';
import { SandboxClockError } from '../../../../integrations/platform/sandbox/SandboxClockError';
import { SandboxPlatform } from '../../../../integrations/platform/sandbox/SandboxPlatform';
import { openFile, tempDir, ZHANG_WEI } from '../fixtures';

/** A real clock the test moves by hand. */
function realTime(iso = '2026-12-07T01:00:00Z'): { now: () => number; advance(ms: number): void } {
  let t = Date.parse(iso);
  return { now: () => t, advance: (ms) => { t += ms; } };
}

/** The code of the SandboxClockError `fn` throws. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof SandboxClockError) return err.code;
    throw err;
  }
  throw new Error('expected a SandboxClockError');
}

describe('SandboxClock', () => {
  it('starts at 09:00 China time on SANDBOX_TODAY and moves with real time', () => {
    const real = realTime();
    const clock = new SandboxClock(new Database(':memory:'), { today: '2026-11-25', realNow: real.now });
    expect(clock.now().toISOString()).toBe('2026-11-25T01:00:00.000Z');
    real.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-11-25T01:01:30.000Z');
  });

  it('without SANDBOX_TODAY is real time', () => {
    const real = realTime();
    const clock = new SandboxClock(new Database(':memory:'), { realNow: real.now });
    expect(clock.now().getTime()).toBe(real.now());
    real.advance(5_000);
    expect(clock.now().getTime()).toBe(real.now());
  });

  it('is set forward to an instant with an offset, then moves on from there', () => {
    const real = realTime();
    const clock = new SandboxClock(new Database(':memory:'), { today: '2026-11-25', realNow: real.now });
    expect(clock.set('2026-12-01T09:00:00+08:00').toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(chinaDate(clock.now())).toBe('2026-12-01');
    real.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-12-01T01:01:00.000Z');
    // UTC and minutes-only forms are ISO too; the very same instant is not backwards.
    expect(clock.set('2026-12-02T00:00Z').toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(clock.set('2026-12-02T08:00:00.000+08:00').toISOString()).toBe('2026-12-02T00:00:00.000Z');
  });

  it('never goes back: an earlier instant is refused with CLOCK_BACKWARDS and the time is kept', () => {
    const real = realTime();
    const clock = new SandboxClock(new Database(':memory:'), { today: '2026-11-25', realNow: real.now });
    clock.set('2026-12-01T09:00:00+08:00');
    real.advance(1_000);
    expect(refusal(() => clock.set('2026-12-01T09:00:00+08:00'))).toBe('CLOCK_BACKWARDS');
    expect(refusal(() => clock.set('2026-11-30T09:00:00+08:00'))).toBe('CLOCK_BACKWARDS');
    expect(clock.now().toISOString()).toBe('2026-12-01T01:00:01.000Z');
  });

  it.each([
    ['not a date', 'tomorrow'],
    ['no offset (the server\'s zone would decide)', '2026-12-01T09:00:00'],
    ['a date alone', '2026-12-01'],
    ['no such day', '2026-02-30T09:00:00+08:00'],
    ['no such hour', '2026-12-01T24:00:00+08:00'],
    ['no such offset', '2026-12-01T09:00:00+25:00'],
    ['empty', ''],
  ])('refuses %s with CLOCK_INVALID', (_what, text) => {
    const clock = new SandboxClock(new Database(':memory:'), { today: '2026-11-25', realNow: realTime().now });
    expect(refusal(() => clock.set(text))).toBe('CLOCK_INVALID');
    expect(chinaDate(clock.now())).toBe('2026-11-25');
  });

  it('two instances on one database file (two processes) read one time; a change shows within 250 ms', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'sandbox.sqlite');
      const real = realTime();
      const a = new SandboxClock(openFile(file), { today: '2026-11-25', realNow: real.now });
      real.advance(10_000);
      // The second starts later from the same setting: it takes the time the first keeps, it does not restart it.
      const b = new SandboxClock(openFile(file), { today: '2026-11-25', realNow: real.now });
      expect(b.now().toISOString()).toBe(a.now().toISOString());
      a.set('2026-12-01T09:00:00+08:00');
      real.advance(250);
      expect(b.now().toISOString()).toBe('2026-12-01T01:00:00.250Z');
      expect(a.now().toISOString()).toBe('2026-12-01T01:00:00.250Z');
      // Nor can the second move it back past what the first set.
      expect(refusal(() => b.set('2026-11-30T09:00:00+08:00'))).toBe('CLOCK_BACKWARDS');
    } finally {
      cleanup();
    }
  });

  it('keeps its time over a restart; a different SANDBOX_TODAY starts it again from that day', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'sandbox.sqlite');
      const real = realTime();
      const first = openFile(file);
      new SandboxClock(first, { today: '2026-11-25', realNow: real.now }).set('2026-12-01T09:00:00+08:00');
      first.close();
      real.advance(1_000);
      expect(new SandboxClock(openFile(file), { today: '2026-11-25', realNow: real.now }).now().toISOString()).toBe('2026-12-01T01:00:01.000Z');
      expect(new SandboxClock(openFile(file), { today: '2027-01-04', realNow: real.now }).now().toISOString()).toBe('2027-01-04T01:00:00.000Z');
    } finally {
      cleanup();
    }
  });

  it('keeps the last time it read when the database cannot be read (closed at shutdown): a turn does not fail for it', () => {
    const real = realTime();
    const db = new Database(':memory:');
    const clock = new SandboxClock(db, { today: '2026-11-25', realNow: real.now });
    clock.set('2026-12-01T09:00:00+08:00');
    db.close();
    real.advance(1_000);
    expect(clock.now().toISOString()).toBe('2026-12-01T01:00:01.000Z');
  });

  it('is the sandbox platform\'s time: moved forward, the platform reckons from the new day', async () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const clock = new SandboxClock(db, { today: '2026-11-25' });
    const platform = new SandboxPlatform(db, clock);
    const before = await platform.exams.eligibility(ZHANG_WEI.idNumber, 2, '2026-12-01');
    clock.set('2026-12-10T09:00:00+08:00');
    const after = await platform.exams.eligibility(ZHANG_WEI.idNumber, 2, '2026-12-01');
    expect(before.eligible).toBe(true);
    expect(after).toMatchObject({ eligible: false, reason: { code: 'DATE_NOT_BOOKABLE' } });
    expect(after.earliestDate?.localeCompare('2026-12-10')).toBe(1);
  });
});

import Database from 'better-sqlite3';
import type { CitizenClient } from './citizenClient';
import type { Goal } from './citizenScript';

/** The moment chosen for the SIGKILL. */
export interface KillMoment {
  kind: 'state saved, reply not sent' | 'operation committed, reply not sent' | 'confirmation being processed' | 'timer';
  detail: string;
}

/**
 * Where to aim: `committed`, the platform wrote the booking or payment and the turn is still running; `saved`, the
 * turn has also saved the dialog state (the confirmation step is gone) and only the WeChat reply is missing.
 */
export type AimTarget = 'committed' | 'saved';

const receiptKey = (openid: string, msgId: string): string => `wechat:msg:${openid}:${msgId}`;
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Lets the stopped-and-continued bot run for about `us` microseconds while this process waits. */
function spin(us: number): void {
  const until = process.hrtime.bigint() + BigInt(us * 1000);
  while (process.hrtime.bigint() < until) { /* the bot runs meanwhile */ }
}

/**
 * Watches the bot's SQLite file (read-only, beside the running bot: WAL lets readers in) for the worst moment to
 * kill it: a citizen's 是 claimed by the bot (receipt "processing") whose booking or payment is already committed
 * (and, aiming at `saved`, whose dialog state no longer waits for the confirmation). Settles for the other kinds
 * after `preferMs`, and for the timer after `timeoutMs`; with `goal`, only that service's confirmations count.
 * The windows last a millisecond or two, so the bot is single-stepped: stopped (SIGSTOP) while the file is read,
 * continued (SIGCONT) for a few hundred microseconds; at the moment, `fire` is called with the bot still stopped
 * (it must SIGKILL it), and the moment is returned.
 */
export async function aimKill(
  dbFile: string, clients: readonly CitizenClient[], botPid: number, fire: () => void,
  target: AimTarget = 'committed', goal: Goal | undefined = undefined, preferMs = 1500, timeoutMs = 3000,
): Promise<KillMoment> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  const now = (m: KillMoment): KillMoment => {
    fire();
    return m;
  };
  try {
    const receipt = db.prepare('SELECT status FROM message_receipts WHERE key = ?');
    const booked = db.prepare('SELECT booking_id FROM exam_bookings WHERE id_number = ? AND subject = 2');
    const paid = db.prepare('SELECT payment_id FROM payments WHERE decision_number = ?');
    const state = db.prepare('SELECT data FROM bot_state WHERE key = ?');
    const t0 = Date.now();
    for (;;) {
      process.kill(botPid, 'SIGSTOP');
      const waited = Date.now() - t0;
      let processing: string | undefined;
      for (const c of clients) {
        const m = c.inFlight;
        if (!m?.confirming || (goal !== undefined && m.goal !== goal)) continue;
        const r = receipt.get(receiptKey(c.citizen.openid, m.msgId)) as { status: string } | undefined;
        if (r?.status !== 'processing') continue;
        const who = `${c.citizen.openid} "${m.text}" (${m.goal})`;
        processing ??= who;
        const row = m.goal === 'exam' ? booked.get(c.citizen.idNumber) : paid.get(c.citizen.decisionNumber);
        if (!row) continue;
        if (target === 'committed' || waited >= preferMs) return now({ kind: 'operation committed, reply not sent', detail: who });
        const saved = state.get(`wechat/conversations/${c.citizen.openid}/`) as { data: string } | undefined;
        if (saved && !saved.data.includes('confirmPrompt')) return now({ kind: 'state saved, reply not sent', detail: who });
      }
      if (processing && waited >= preferMs) return now({ kind: 'confirmation being processed', detail: processing });
      if (waited >= timeoutMs) return now({ kind: 'timer', detail: `${timeoutMs} ms after the trigger` });
      process.kill(botPid, 'SIGCONT');
      await tick();
      spin(300);
    }
  } catch (e) {
    fire();
    throw e;
  } finally {
    db.close();
  }
}

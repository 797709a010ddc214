import Database from 'better-sqlite3';
import type { Confirmation } from './citizenClient';
import type { FaultCitizen } from './seedCitizens';

/** What the store says about the operations the citizens were told about. */
export interface StoreCheck {
  confirmed: { bookings: number; payments: number };
  /** Confirmed operations found in the store as told (right citizen, decision, status). */
  inStore: { bookings: number; payments: number };
  /** Operations of the run's citizens in the store, told or not. */
  stored: { bookings: number; payments: number };
  lost: string[];
  duplicated: string[];
  /** Other broken invariants (seat counts, overbooking, idempotency records pointing nowhere). */
  violations: string[];
  /** In the store but never shown to the citizen (the reply of the step that made it never reached them): a failure of the run. */
  unacknowledged: string[];
}

interface BookingRow { booking_id: string; id_number: string; subject: number; status: string }
interface PaymentRow { payment_id: string; decision_number: string; amount_fen: number }

/**
 * Opens the SQLite file read-only (the bot stopped) and checks: every booking and payment a citizen was told about
 * exists as told; nobody has two bookings for 科目二 (the run never cancels) nor two active ones for any subject;
 * no decision is paid twice and every payment is the amount due; every slot's seat count equals its active
 * bookings and never exceeds capacity; every stored idempotent response points at a row that exists.
 */
export function checkStore(file: string, citizens: readonly FaultCitizen[], told: readonly Confirmation[]): StoreCheck {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const r: StoreCheck = {
      confirmed: { bookings: 0, payments: 0 }, inStore: { bookings: 0, payments: 0 }, stored: { bookings: 0, payments: 0 },
      lost: [], duplicated: [], violations: [], unacknowledged: [],
    };
    const bookingById = db.prepare('SELECT booking_id, id_number, subject, status FROM exam_bookings WHERE booking_id = ?');
    const bookingsOf = db.prepare('SELECT booking_id, id_number, subject, status FROM exam_bookings WHERE id_number = ? ORDER BY booking_id');
    const paymentById = db.prepare('SELECT payment_id, decision_number, amount_fen FROM payments WHERE payment_id = ?');
    const paymentsOf = db.prepare('SELECT payment_id, decision_number, amount_fen FROM payments WHERE decision_number = ? ORDER BY payment_id');

    for (const c of told) {
      if (c.kind === 'booking') {
        r.confirmed.bookings += 1;
        const b = bookingById.get(c.id) as BookingRow | undefined;
        if (b && b.id_number === c.idNumber && b.subject === 2 && b.status === 'booked') r.inStore.bookings += 1;
        else r.lost.push(`${c.openid}: was told booking ${c.id}; the store has ${b ? `it ${b.status}, subject ${b.subject}, citizen …${b.id_number.slice(-4)}` : 'no such booking'}`);
      } else {
        r.confirmed.payments += 1;
        const p = paymentById.get(c.id) as PaymentRow | undefined;
        if (p && p.decision_number === c.decisionNumber) r.inStore.payments += 1;
        else r.lost.push(`${c.openid}: was told payment ${c.id} for ${c.decisionNumber}; the store has ${p ? `it for ${p.decision_number}` : 'no such payment'}`);
      }
    }

    for (const c of citizens) {
      const mine = told.filter((t) => t.openid === c.openid);
      const toldBookings = mine.filter((t) => t.kind === 'booking').map((t) => t.id);
      const toldPayments = mine.filter((t) => t.kind === 'payment').map((t) => t.id);
      if (toldBookings.length > 1) r.duplicated.push(`${c.openid}: told of ${toldBookings.length} different bookings (${toldBookings.join(', ')})`);
      if (toldPayments.length > 1) r.duplicated.push(`${c.openid}: told of ${toldPayments.length} different payments (${toldPayments.join(', ')})`);

      const bookings = bookingsOf.all(c.idNumber) as BookingRow[];
      const subject2 = bookings.filter((b) => b.subject === 2);
      r.stored.bookings += subject2.length;
      if (subject2.length > 1) r.duplicated.push(`${c.openid}: ${subject2.length} 科目二 bookings in the store (${subject2.map((b) => `${b.booking_id}/${b.status}`).join(', ')})`);
      for (const b of subject2) if (!toldBookings.includes(b.booking_id)) r.unacknowledged.push(`${c.openid}: booking ${b.booking_id} never shown`);

      const payments = paymentsOf.all(c.decisionNumber) as PaymentRow[];
      r.stored.payments += payments.length;
      if (payments.length > 1) r.duplicated.push(`${c.openid}: decision ${c.decisionNumber} paid ${payments.length} times`);
      for (const p of payments) {
        if (p.amount_fen !== c.amountFen) r.violations.push(`${c.openid}: payment ${p.payment_id} charged ${p.amount_fen} fen, due ${c.amountFen}`);
        if (!toldPayments.includes(p.payment_id)) r.unacknowledged.push(`${c.openid}: payment ${p.payment_id} never shown`);
      }
    }

    const twoActive = db.prepare(`SELECT id_number, subject, COUNT(*) AS n FROM exam_bookings WHERE status = 'booked'
      GROUP BY id_number, subject HAVING n > 1`).all() as Array<{ id_number: string; subject: number; n: number }>;
    for (const t of twoActive) r.duplicated.push(`citizen …${t.id_number.slice(-4)}: ${t.n} active bookings for subject ${t.subject}`);
    const twicePaid = db.prepare('SELECT decision_number, COUNT(*) AS n FROM payments GROUP BY decision_number HAVING n > 1').all() as
      Array<{ decision_number: string; n: number }>;
    for (const t of twicePaid) r.duplicated.push(`decision ${t.decision_number}: ${t.n} payment rows`);

    const slots = db.prepare(`SELECT s.centre_id, s.date, s.session, s.capacity, s.booked,
        (SELECT COUNT(*) FROM exam_bookings b WHERE b.centre_id = s.centre_id AND b.date = s.date AND b.session = s.session AND b.status = 'booked') AS n
      FROM exam_slots s`).all() as Array<{ centre_id: string; date: string; session: string; capacity: number; booked: number; n: number }>;
    for (const s of slots) {
      const where = `${s.centre_id} ${s.date} ${s.session}`;
      if (s.booked !== s.n) r.violations.push(`slot ${where}: seat count ${s.booked}, active bookings ${s.n}`);
      if (s.n > s.capacity) r.violations.push(`slot ${where}: ${s.n} bookings for ${s.capacity} seats`);
    }

    const replays = db.prepare("SELECT operation, response FROM idempotency_keys WHERE operation IN ('exam.book', 'decision.pay')").all() as
      Array<{ operation: string; response: string }>;
    for (const k of replays) {
      const response = JSON.parse(k.response) as { bookingId?: string; paymentId?: string };
      const exists = k.operation === 'exam.book' ? bookingById.get(response.bookingId ?? '') : paymentById.get(response.paymentId ?? '');
      if (!exists) r.violations.push(`idempotency record ${k.operation} replays ${response.bookingId ?? response.paymentId ?? '?'}, which is not in the store`);
    }
    return r;
  } finally {
    db.close();
  }
}

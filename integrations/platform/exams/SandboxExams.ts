import type { Clock } from '../../clock';
import { chinaDate } from '../../clock';
import { PlatformError } from '../errors';
import type { PlatformErrorCode, PlatformErrorDetails } from '../errors';
import type { ExamBooking, ExamEligibility, ExamReschedule, ExamSession, ExamSlot, ExamSubject, ExamsPort } from './types';
import { calendar } from '../sandbox/calendar';
import { check } from '../sandbox/check';
import { SandboxStore } from '../sandbox/store';

const RULES = {
  /** Minimum age of the learner permit on the exam date. */
  permitMinDays: { 2: 10, 3: 20 } as Readonly<Partial<Record<ExamSubject, number>>>,
  retakeAfterDays: 10,
  maxAttempts: 5,
  permitValidityYears: 3,
  /** How far ahead slots can be booked. */
  bookingWindowDays: 60,
  maxListDays: 31,
} as const;

const SESSIONS: readonly ExamSession[] = ['morning', 'afternoon'];

interface CitizenRow {
  id_number: string;
  learner_registered_on: string | null;
  permit_issued_on: string | null;
}
interface ResultRow {
  subject: number;
  exam_date: string;
  passed: number;
}
interface BookingRow {
  booking_id: string;
  id_number: string;
  subject: number;
  centre_id: string;
  centre_name: string;
  date: string;
  session: ExamSession;
  status: ExamBooking['status'];
  booked_at: string;
}
interface CentreRow {
  centre_id: string;
  name: string;
  subjects: string;
  capacity: number;
}
interface SlotRow {
  centre_id: string;
  centre_name: string;
  date: string;
  session: ExamSession;
  capacity: number;
  booked: number;
}

const BOOKING_SELECT = `SELECT b.booking_id, b.id_number, b.subject, b.centre_id, c.name AS centre_name, b.date, b.session, b.status, b.booked_at
  FROM exam_bookings b JOIN test_centres c ON c.centre_id = b.centre_id`;

function toBooking(r: BookingRow): ExamBooking {
  return {
    bookingId: r.booking_id,
    subject: check.subject(r.subject),
    centreId: r.centre_id,
    centreName: r.centre_name,
    date: r.date,
    session: r.session,
    status: r.status,
    bookedAt: r.booked_at,
    cancellableUntil: calendar.startOfChinaDay(r.date),
  };
}

/** C1 driving-test booking (DESIGN §4, exams). */
export class SandboxExams implements ExamsPort {
  static readonly rules = RULES;

  constructor(private readonly store: SandboxStore, private readonly clock: Clock) {}

  async eligibility(idNumber: string, subject: ExamSubject, date: string, replacing?: string): Promise<ExamEligibility> {
    const id = check.idNumber(idNumber);
    const s = check.subject(subject);
    const d = check.date(date);
    return this.evaluate(id, s, d, replacing === undefined ? null : check.text(replacing, 'replacing'));
  }

  async listSlots(subject: ExamSubject, fromDate: string, days: number): Promise<ExamSlot[]> {
    const s = check.subject(subject);
    const from = check.date(fromDate, 'fromDate');
    const n = check.integer(days, 'days', 1, RULES.maxListDays);
    const today = this.today();
    const first = calendar.max(from, calendar.addDays(today, 1));
    const last = calendar.addDays(from, n - 1) < calendar.addDays(today, RULES.bookingWindowDays)
      ? calendar.addDays(from, n - 1) : calendar.addDays(today, RULES.bookingWindowDays);
    const centres = this.centresFor(s);
    if (centres.length === 0 || first > last) return [];
    this.store.write(() => {
      for (let d = first; d <= last; d = calendar.addDays(d, 1)) {
        if (!calendar.isWorkingDay(d)) continue;
        for (const c of centres) for (const session of SESSIONS) this.ensureSlot(c, d, session);
      }
    });
    const ids = centres.map((c) => c.centre_id);
    const rows = this.store.db.prepare(`SELECT s.centre_id, c.name AS centre_name, s.date, s.session, s.capacity, s.booked
      FROM exam_slots s JOIN test_centres c ON c.centre_id = s.centre_id
      WHERE s.date BETWEEN ? AND ? AND s.centre_id IN (${ids.map(() => '?').join(',')})
      ORDER BY s.date, s.session DESC, s.centre_id`).all(first, last, ...ids) as SlotRow[];
    // 'morning' > 'afternoon' alphabetically, hence session DESC: mornings first.
    return rows
      .filter((r) => calendar.isWorkingDay(r.date))
      .map((r) => ({
        centreId: r.centre_id, centreName: r.centre_name, date: r.date, session: r.session,
        capacity: r.capacity, remaining: r.capacity - r.booked,
      }));
  }

  async book(
    idNumber: string, subject: ExamSubject, centreId: string, date: string, session: ExamSession, idempotencyKey: string,
  ): Promise<ExamBooking> {
    const id = check.idNumber(idNumber);
    const s = check.subject(subject);
    const centre = check.text(centreId, 'centreId');
    const d = check.date(date);
    const sess = check.session(session);
    const key = check.idempotencyKey(idempotencyKey);
    const fingerprint = JSON.stringify([id, s, centre, d, sess]);
    return this.store.write(() => {
      const prior = this.store.replay<ExamBooking>('exam.book', key, fingerprint);
      if (prior) return prior;
      const verdict = this.evaluate(id, s, d);
      if (verdict.reason) {
        throw new PlatformError(verdict.reason.code, `exam booking refused: ${verdict.reason.code}`, verdict.reason.details);
      }
      const c = this.takeSeat(s, centre, d, sess);
      const result = this.insertBooking(id, s, c, d, sess);
      this.store.remember('exam.book', key, fingerprint, result, this.clock.now().toISOString());
      return result;
    });
  }

  async reschedule(
    idNumber: string, bookingId: string, centreId: string, date: string, session: ExamSession, idempotencyKey: string,
  ): Promise<ExamReschedule> {
    const id = check.idNumber(idNumber);
    const bid = check.text(bookingId, 'bookingId');
    const centre = check.text(centreId, 'centreId');
    const d = check.date(date);
    const sess = check.session(session);
    const key = check.idempotencyKey(idempotencyKey);
    const fingerprint = JSON.stringify([id, bid, centre, d, sess]);
    // One transaction: a thrown error rolls back the seat taken and the cancellation alike.
    return this.store.write(() => {
      const prior = this.store.replay<ExamReschedule>('exam.reschedule', key, fingerprint);
      if (prior) return prior;
      const old = this.bookingRow(id, bid);
      if (!old || old.status !== 'booked') {
        throw new PlatformError('NOT_FOUND', 'no such active booking for this citizen', { entity: 'booking' });
      }
      this.assertCancellable(old, 'reschedule');
      if (old.centre_id === centre && old.date === d && old.session === sess) {
        throw new PlatformError('SAME_SLOT', 'the booking already has this slot', { bookingId: bid, centreId: centre, date: d, session: sess });
      }
      const s = check.subject(old.subject);
      const verdict = this.evaluate(id, s, d, bid);
      if (verdict.reason) {
        throw new PlatformError(verdict.reason.code, `exam reschedule refused: ${verdict.reason.code}`, verdict.reason.details);
      }
      // The new seat first (SLOT_FULL leaves everything as it was), then the old one is given back.
      const c = this.takeSeat(s, centre, d, sess);
      const cancelled = this.cancelRow(id, old);
      const booked = this.insertBooking(id, s, c, d, sess);
      const result: ExamReschedule = { booked, cancelled };
      this.store.remember('exam.reschedule', key, fingerprint, result, this.clock.now().toISOString());
      return result;
    });
  }

  async listBookings(idNumber: string): Promise<ExamBooking[]> {
    const id = check.idNumber(idNumber);
    const rows = this.store.db.prepare(`${BOOKING_SELECT} WHERE b.id_number = ? ORDER BY b.date, b.booking_id`).all(id) as BookingRow[];
    return rows.map(toBooking);
  }

  async cancel(idNumber: string, bookingId: string): Promise<ExamBooking> {
    const id = check.idNumber(idNumber);
    const bid = check.text(bookingId, 'bookingId');
    return this.store.write(() => {
      const row = this.bookingRow(id, bid);
      if (!row) throw new PlatformError('NOT_FOUND', 'no such booking for this citizen', { entity: 'booking' });
      if (row.status === 'cancelled') return toBooking(row);
      this.assertCancellable(row);
      return this.cancelRow(id, row);
    });
  }

  /** Until 24:00 China time of the day before the exam, i.e. while "today" is before the exam date (and still booked). */
  private assertCancellable(row: BookingRow, reason?: 'reschedule'): void {
    if (row.status !== 'booked' || this.today() >= row.date) {
      throw new PlatformError('CANCEL_TOO_LATE', `booking can no longer be ${reason === undefined ? 'cancelled' : 'moved'}`, {
        deadline: calendar.startOfChinaDay(row.date), lastCancelDate: calendar.addDays(row.date, -1), examDate: row.date,
        ...(reason === undefined ? {} : { reason }),
      });
    }
  }

  /** Cancels a booked row and gives its seat back (inside a write transaction). */
  private cancelRow(id: string, row: BookingRow): ExamBooking {
    this.store.db.prepare("UPDATE exam_bookings SET status = 'cancelled', cancelled_at = ? WHERE booking_id = ? AND status = 'booked'")
      .run(this.clock.now().toISOString(), row.booking_id);
    this.store.db.prepare('UPDATE exam_slots SET booked = booked - 1 WHERE centre_id = ? AND date = ? AND session = ? AND booked > 0')
      .run(row.centre_id, row.date, row.session);
    const updated = this.bookingRow(id, row.booking_id);
    if (!updated) throw new PlatformError('INTERNAL', 'booking vanished');
    return toBooking(updated);
  }

  /** Checks the centre holds the subject and takes one seat of the slot (inside a write transaction). */
  private takeSeat(subject: ExamSubject, centreId: string, date: string, session: ExamSession): CentreRow {
    const c = this.store.db.prepare('SELECT * FROM test_centres WHERE centre_id = ?').get(centreId) as CentreRow | undefined;
    if (!c) throw new PlatformError('NOT_FOUND', 'no such test centre', { entity: 'centre' });
    if (!this.serves(c, subject)) {
      throw new PlatformError('CENTRE_SUBJECT_MISMATCH', 'test centre does not hold this subject', { centreId: c.centre_id, subject });
    }
    this.ensureSlot(c, date, session);
    // The seat is taken by the database, not by a read-then-write: never oversold, whatever the concurrency.
    const taken = this.store.db
      .prepare('UPDATE exam_slots SET booked = booked + 1 WHERE centre_id = ? AND date = ? AND session = ? AND booked < capacity')
      .run(c.centre_id, date, session);
    if (taken.changes === 0) {
      throw new PlatformError('SLOT_FULL', 'exam slot is full', { centreId: c.centre_id, date, session });
    }
    return c;
  }

  /** Inserts an active booking on a seat already taken (inside a write transaction). */
  private insertBooking(id: string, subject: ExamSubject, c: CentreRow, date: string, session: ExamSession): ExamBooking {
    const bookingId = `EB${String(this.store.next('exam_booking')).padStart(8, '0')}`;
    try {
      this.store.db.prepare(`INSERT INTO exam_bookings (booking_id, id_number, subject, centre_id, date, session, status, booked_at)
        VALUES (?, ?, ?, ?, ?, ?, 'booked', ?)`).run(bookingId, id, subject, c.centre_id, date, session, this.clock.now().toISOString());
    } catch (err) {
      if (SandboxStore.isUniqueViolation(err)) {
        throw new PlatformError('ALREADY_BOOKED', 'citizen already has an active booking for this subject', { subject });
      }
      throw err;
    }
    const booking = this.bookingRow(id, bookingId);
    if (!booking) throw new PlatformError('INTERNAL', 'booking vanished');
    return toBooking(booking);
  }

  /** The first rule (in the order a clerk would explain them) that blocks `subject` on `date`. */
  private evaluate(id: string, subject: ExamSubject, date: string, replacing: string | null = null): ExamEligibility {
    const today = this.today();
    const citizen = this.store.db.prepare('SELECT id_number, learner_registered_on, permit_issued_on FROM citizens WHERE id_number = ?')
      .get(id) as CitizenRow | undefined;
    if (!citizen) throw new PlatformError('NOT_FOUND', 'no such citizen', { entity: 'citizen' });
    const blocked = (code: PlatformErrorCode, details: PlatformErrorDetails, earliestDate: string | null = null): ExamEligibility =>
      ({ subject, date, eligible: false, reason: { code, details }, earliestDate });

    if (citizen.learner_registered_on === null) return blocked('NOT_REGISTERED', { subject });
    const results = this.store.db.prepare('SELECT subject, exam_date, passed FROM exam_results WHERE id_number = ? ORDER BY exam_date')
      .all(id) as ResultRow[];
    const passedOn = (s: number): string | null => results.find((r) => r.subject === s && r.passed === 1)?.exam_date ?? null;

    const passed = passedOn(subject);
    if (passed !== null) return blocked('ALREADY_PASSED', { subject, passedOn: passed });
    if (subject > 1 && passedOn(subject - 1) === null) {
      return blocked('EXAM_PREREQUISITE', { subject, requiredSubject: subject - 1 });
    }
    // Subject 1 counts from registration; later subjects from the learner permit (issued when subject 1 is passed).
    const validFrom = subject === 1 ? citizen.learner_registered_on : citizen.permit_issued_on ?? passedOn(1) ?? citizen.learner_registered_on;
    const validUntil = calendar.addDays(calendar.addYears(validFrom, RULES.permitValidityYears), -1);
    if (today > validUntil) return blocked('PERMIT_EXPIRED', { subject, permitExpiresOn: validUntil });

    const active = this.store.db.prepare("SELECT booking_id, date FROM exam_bookings WHERE id_number = ? AND subject = ? AND status = 'booked'")
      .get(id, subject) as { booking_id: string; date: string } | undefined;
    if (active && active.booking_id !== replacing) return blocked('ALREADY_BOOKED', { subject, bookingId: active.booking_id, bookedDate: active.date });

    const attempts = results.filter((r) => r.subject === subject && r.exam_date >= validFrom && r.exam_date <= validUntil);
    if (attempts.length >= RULES.maxAttempts) {
      return blocked('ATTEMPTS_EXHAUSTED', { subject, attemptsUsed: attempts.length, maxAttempts: RULES.maxAttempts, permitExpiresOn: validUntil });
    }

    const minDays = RULES.permitMinDays[subject] ?? null;
    const byPermit = minDays === null ? null : calendar.addDays(validFrom, minDays);
    const lastFailed = attempts.filter((r) => r.passed === 0).map((r) => r.exam_date).sort().pop() ?? null;
    const byRetake = lastFailed === null ? null : calendar.addDays(lastFailed, RULES.retakeAfterDays);
    const latest = calendar.addDays(today, RULES.bookingWindowDays);
    const earliest = calendar.workingDayOnOrAfter(calendar.max(calendar.addDays(today, 1), byPermit, byRetake));
    if (earliest > validUntil) return blocked('PERMIT_EXPIRED', { subject, permitExpiresOn: validUntil });
    const earliestDate = earliest <= latest ? earliest : null;

    if (byPermit !== null && minDays !== null && date < byPermit) {
      return blocked('PERMIT_TOO_NEW', { subject, permitIssuedOn: validFrom, minDays, earliestDate: earliest }, earliestDate);
    }
    if (byRetake !== null && lastFailed !== null && date < byRetake) {
      return blocked('RETAKE_TOO_SOON', { subject, lastFailedOn: lastFailed, minDays: RULES.retakeAfterDays, earliestDate: earliest }, earliestDate);
    }
    if (date <= today) return blocked('DATE_NOT_BOOKABLE', { subject, reason: 'past', earliestDate: earliest }, earliestDate);
    if (date > latest) {
      return blocked('DATE_NOT_BOOKABLE', { subject, reason: 'too-far', latestDate: latest, earliestDate: earliest }, earliestDate);
    }
    if (date > validUntil) return blocked('PERMIT_EXPIRED', { subject, permitExpiresOn: validUntil });
    if (!calendar.isWorkingDay(date)) {
      return blocked('NOT_WORKING_DAY', { subject, nextWorkingDay: calendar.workingDayOnOrAfter(date), earliestDate: earliest }, earliestDate);
    }
    return { subject, date, eligible: true, reason: null, earliestDate };
  }

  private today(): string {
    return chinaDate(this.clock.now());
  }

  private serves(c: CentreRow, subject: ExamSubject): boolean {
    return c.subjects.split(',').map(Number).includes(subject);
  }

  private centresFor(subject: ExamSubject): CentreRow[] {
    return (this.store.db.prepare('SELECT * FROM test_centres ORDER BY centre_id').all() as CentreRow[]).filter((c) => this.serves(c, subject));
  }

  private ensureSlot(c: CentreRow, date: string, session: ExamSession): void {
    this.store.db.prepare('INSERT OR IGNORE INTO exam_slots (centre_id, date, session, capacity, booked) VALUES (?, ?, ?, ?, 0)')
      .run(c.centre_id, date, session, c.capacity);
  }

  private bookingRow(id: string, bookingId: string): BookingRow | undefined {
    return this.store.db.prepare(`${BOOKING_SELECT} WHERE b.id_number = ? AND b.booking_id = ?`).get(id, bookingId) as BookingRow | undefined;
  }
}

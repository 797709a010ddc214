import type Database from 'better-sqlite3';
import type { Clock } from '../../clock';
import { chinaDate } from '../../clock';
import { PlatformError } from '../errors';
import { appendEvent } from '../events/appendEvent';
import { maskPhone } from '../../privacy/maskPhone';
import type { Binding, DriverLicence, ExamBooking, ViolationKind, ViolationRecordedData } from '../types';
import { firstLicence } from '../violations/firstLicence';
import { calendar } from './calendar';
import { check } from './check';
import type { PlateEnergy } from '../plates/plateRules';
import { plateRules } from '../plates/plateRules';
import { prepareSandboxDatabase } from './setup';
import { SandboxStore } from './store';

export interface NewCitizen {
  idNumber: string;
  name: string;
  phone: string;
  learnerRegisteredOn?: string | null;
  permitIssuedOn?: string | null;
  licenceFirstIssuedOn?: string | null;
  /**
   * The licence's class and current validity (validUntil null: long-term). Without it a citizen with a
   * licenceFirstIssuedOn holds a first C1 licence valid 6 years from that day; with it and no licenceFirstIssuedOn,
   * the licence was first issued on its validFrom.
   */
  licence?: DriverLicence | null;
}

export interface NewViolation {
  /** Made up by the sandbox when left out ('V' + the China date + a sequence number). */
  violationId?: string;
  idNumber: string;
  vin: string;
  /** ISO instant; the sandbox's now when left out. */
  occurredAt?: string;
  kind: ViolationKind;
  location: string;
  fineFen: number;
  points: number;
}

/**
 * What the real platform does by itself (examiners record results, vehicles get registered, cameras record
 * violations) and tests and demos need to simulate. Deliberately not part of the TrafficPlatform port.
 */
export class SandboxAdmin {
  private readonly store: SandboxStore;

  constructor(db: Database.Database, private readonly clock: Clock) {
    prepareSandboxDatabase(db);
    this.store = new SandboxStore(db);
  }

  /**
   * Records the examiner's verdict on a booked exam (and its score, when given) and publishes it on the events feed;
   * passing 科目一 issues the learner permit on the exam date.
   */
  recordExamResult(bookingId: string, passed: boolean, score?: number): ExamBooking['status'] {
    const checkedScore = score === undefined ? undefined : check.integer(score, 'score', 0, 100);
    return this.store.write(() => {
      const b = this.store.db.prepare('SELECT id_number, subject, date, status FROM exam_bookings WHERE booking_id = ?').get(bookingId) as
        { id_number: string; subject: number; date: string; status: string } | undefined;
      if (!b) throw new PlatformError('NOT_FOUND', 'no such booking', { entity: 'booking' });
      if (b.status !== 'booked') throw new PlatformError('INVALID_ARGUMENT', 'booking is not awaiting a result', { field: 'bookingId', rule: 'booked' });
      const status = passed ? 'passed' : 'failed';
      this.store.db.prepare('UPDATE exam_bookings SET status = ? WHERE booking_id = ?').run(status, bookingId);
      this.store.db.prepare('INSERT INTO exam_results (id_number, subject, exam_date, passed, booking_id) VALUES (?, ?, ?, ?, ?)')
        .run(b.id_number, b.subject, b.date, passed ? 1 : 0, bookingId);
      if (passed && b.subject === 1) {
        this.store.db.prepare('UPDATE citizens SET permit_issued_on = ? WHERE id_number = ?').run(b.date, b.id_number);
      }
      appendEvent(this.store, {
        type: 'exam.result', at: this.clock.now().toISOString(), idNumber: b.id_number,
        data: {
          bookingId, subject: check.subject(b.subject), date: b.date, passed,
          ...(checkedScore !== undefined ? { score: checkedScore } : {}),
        },
      });
      return status;
    });
  }

  /** Records an exam result without a booking (history that predates the sandbox). */
  recordPastResult(idNumber: string, subject: 1 | 2 | 3 | 4, examDate: string, passed: boolean): void {
    this.store.db.prepare('INSERT INTO exam_results (id_number, subject, exam_date, passed) VALUES (?, ?, ?, ?)')
      .run(check.idNumber(idNumber), check.subject(subject), check.date(examDate, 'examDate'), passed ? 1 : 0);
  }

  addCitizen(c: NewCitizen): void {
    const licence = c.licence ? checkedLicence(c.licence) : null;
    const first = c.licenceFirstIssuedOn ? check.date(c.licenceFirstIssuedOn, 'licenceFirstIssuedOn') : licence?.validFrom ?? null;
    const held = licence ?? (first !== null ? firstLicence(first) : null);
    this.store.db.prepare(`INSERT INTO citizens (id_number, name, phone, learner_registered_on, driving_school, permit_issued_on,
      licence_first_issued_on, licence_class, licence_valid_from, licence_valid_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      check.idNumber(c.idNumber), c.name, check.phone(c.phone), c.learnerRegisteredOn ?? null,
      c.learnerRegisteredOn ? 'sandbox driving school' : null, c.permitIssuedOn ?? null, first,
      held?.licenceClass ?? null, held?.validFrom ?? null, held?.validUntil ?? null,
    );
  }

  /**
   * Binds a channel user to a citizen directly, without the SMS code (benchmarks and tests with many citizens).
   * Binding again to the same citizen answers the binding there is. Errors: NOT_FOUND (details.entity 'citizen')
   * for nobody on file, ALREADY_BOUND when the channel user is bound to another citizen.
   */
  bind(channelUserId: string, idNumber: string): Binding {
    const channelUser = check.text(channelUserId, 'channelUserId', 128);
    const id = check.idNumber(idNumber);
    return this.store.write(() => {
      const citizen = this.store.db.prepare('SELECT name, phone FROM citizens WHERE id_number = ?').get(id) as
        { name: string; phone: string } | undefined;
      if (!citizen) throw new PlatformError('NOT_FOUND', 'no such citizen', { entity: 'citizen' });
      const existing = this.store.db.prepare('SELECT id_number, bound_at FROM bindings WHERE channel_user_id = ?').get(channelUser) as
        { id_number: string; bound_at: string } | undefined;
      if (existing && existing.id_number !== id) throw new PlatformError('ALREADY_BOUND', 'channel user already bound to another citizen');
      const boundAt = existing?.bound_at ?? this.clock.now().toISOString();
      if (!existing) this.store.db.prepare('INSERT INTO bindings (channel_user_id, id_number, bound_at) VALUES (?, ?, ?)').run(channelUser, id, boundAt);
      return { channelUserId: channelUser, idNumber: id, name: citizen.name, maskedPhone: maskPhone(citizen.phone), boundAt };
    });
  }

  /** The registered vehicle carrying this plate and its owner, or null when no vehicle is registered with it. */
  vehicleByPlate(plate: string): { plate: string; vin: string; ownerIdNumber: string } | null {
    const p = plateRules.normalize(check.text(plate, 'plate', 16));
    const row = this.store.db.prepare(`SELECT h.vin, v.owner_id_number FROM plate_holds h JOIN vehicles v ON v.vin = h.vin
      WHERE h.plate = ? AND h.status = 'registered'`).get(p) as { vin: string; owner_id_number: string } | undefined;
    return row ? { plate: p, vin: row.vin, ownerIdNumber: row.owner_id_number } : null;
  }

  addVehicle(vin: string, ownerIdNumber: string, energy: PlateEnergy, authority = 'A'): void {
    this.store.db.prepare('INSERT INTO vehicles (vin, owner_id_number, energy, authority) VALUES (?, ?, ?, ?)')
      .run(check.vin(vin), check.idNumber(ownerIdNumber), energy, authority);
  }

  /** Registers the vehicle with its reserved plate: the hold becomes permanent. */
  registerVehicle(vin: string): string {
    return this.store.write(() => {
      const today = chinaDate(this.clock.now());
      const hold = this.store.db.prepare("SELECT hold_id, plate FROM plate_holds WHERE vin = ? AND status = 'reserved' AND expires_on >= ?")
        .get(check.vin(vin), today) as { hold_id: number; plate: string } | undefined;
      if (!hold) throw new PlatformError('NOT_FOUND', 'no reserved plate for this vehicle', { entity: 'reservation' });
      this.store.db.prepare("UPDATE plate_holds SET status = 'registered', expires_on = NULL, registered_on = ? WHERE hold_id = ?")
        .run(today, hold.hold_id);
      return hold.plate;
    });
  }

  /**
   * A camera or officer records a violation on a registered vehicle; it is published on the events feed with it.
   * Answers it as recorded, as the event has it (its violation id made up when not given).
   */
  addViolation(v: NewViolation): ViolationRecordedData {
    return this.store.write(() => {
      const vehicle = this.store.db.prepare("SELECT plate FROM plate_holds WHERE vin = ? AND status = 'registered'").get(check.vin(v.vin)) as
        { plate: string } | undefined;
      if (!vehicle) throw new PlatformError('NOT_FOUND', 'vehicle has no registered plate', { entity: 'vehicle' });
      const at = v.occurredAt === undefined ? this.clock.now() : new Date(v.occurredAt);
      const idNumber = check.idNumber(v.idNumber);
      const plate = plateRules.normalize(vehicle.plate);
      const violationId = v.violationId ?? this.newViolationId(chinaDate(at));
      this.store.db.prepare(`INSERT INTO violations (violation_id, id_number, vin, plate, occurred_at, occurred_on, location, kind, fine_fen, points)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        violationId, idNumber, check.vin(v.vin), plate, at.toISOString(), chinaDate(at), v.location, v.kind, v.fineFen, v.points,
      );
      const recorded: ViolationRecordedData = {
        violationId, plate, occurredAt: at.toISOString(), location: v.location, kind: v.kind, points: v.points, fineFen: v.fineFen,
      };
      appendEvent(this.store, { type: 'violation.recorded', at: this.clock.now().toISOString(), idNumber, plate, data: recorded });
      return recorded;
    });
  }

  /** 'V' + the China date + a sequence number no violation has (call inside a write transaction). */
  private newViolationId(day: string): string {
    const taken = this.store.db.prepare('SELECT 1 FROM violations WHERE violation_id = ?');
    for (;;) {
      const id = `V${day.replaceAll('-', '')}${String(this.store.next('violation')).padStart(5, '0')}`;
      if (!taken.get(id)) return id;
    }
  }
}

/** A licence as given to addCitizen, checked: a known class, real dates, validity ending after it starts. */
function checkedLicence(l: DriverLicence): DriverLicence {
  const validFrom = check.date(l.validFrom, 'validFrom');
  const validUntil = l.validUntil === null ? null : check.date(l.validUntil, 'validUntil');
  if (validUntil !== null && calendar.daysBetween(validFrom, validUntil) <= 0) {
    throw new PlatformError('INVALID_ARGUMENT', 'invalid validUntil: after validFrom', { field: 'validUntil', rule: 'after-validFrom' });
  }
  return { licenceClass: check.licenceClass(l.licenceClass), validFrom, validUntil };
}

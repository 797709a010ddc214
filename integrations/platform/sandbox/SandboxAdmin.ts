import type Database from 'better-sqlite3';
import type { Clock } from '../../clock';
import { chinaDate } from '../../clock';
import { PlatformError } from '../errors';
import { appendEvent } from '../events/appendEvent';
import type { ExamBooking, ViolationKind } from '../types';
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
}

export interface NewViolation {
  violationId: string;
  idNumber: string;
  vin: string;
  occurredAt: string;
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
    this.store.db.prepare(`INSERT INTO citizens (id_number, name, phone, learner_registered_on, driving_school, permit_issued_on, licence_first_issued_on)
      VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      check.idNumber(c.idNumber), c.name, check.phone(c.phone), c.learnerRegisteredOn ?? null,
      c.learnerRegisteredOn ? 'sandbox driving school' : null, c.permitIssuedOn ?? null, c.licenceFirstIssuedOn ?? null,
    );
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

  /** A camera or officer records a violation on a registered vehicle; it is published on the events feed with it. */
  addViolation(v: NewViolation): void {
    this.store.write(() => {
      const vehicle = this.store.db.prepare("SELECT plate FROM plate_holds WHERE vin = ? AND status = 'registered'").get(check.vin(v.vin)) as
        { plate: string } | undefined;
      if (!vehicle) throw new PlatformError('NOT_FOUND', 'vehicle has no registered plate', { entity: 'vehicle' });
      const at = new Date(v.occurredAt);
      const idNumber = check.idNumber(v.idNumber);
      const plate = plateRules.normalize(vehicle.plate);
      this.store.db.prepare(`INSERT INTO violations (violation_id, id_number, vin, plate, occurred_at, occurred_on, location, kind, fine_fen, points)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        v.violationId, idNumber, check.vin(v.vin), plate, at.toISOString(), chinaDate(at), v.location, v.kind, v.fineFen, v.points,
      );
      appendEvent(this.store, {
        type: 'violation.recorded', at: this.clock.now().toISOString(), idNumber, plate,
        data: {
          violationId: v.violationId, plate, occurredAt: at.toISOString(), location: v.location, kind: v.kind, points: v.points, fineFen: v.fineFen,
        },
      });
    });
  }
}

import type Database from 'better-sqlite3';
import { applyMigrations } from '../../storage/sqlite/migrate';
import { chinaDate } from '../../clock';
import { sandboxMigrations } from './migrations';
import { sandboxPersonas as P } from './personas';

const SEED_VERSION = '1';

/**
 * Brings a database up to the sandbox schema and seeds personas, test centres and the plate denylist on first
 * start. Idempotent, also when two connections start on one file at the same time.
 */
export function prepareSandboxDatabase(db: Database.Database): void {
  applyMigrations(db, 'sandbox', sandboxMigrations);
  db.transaction(() => {
    const seeded = db.prepare("SELECT value FROM sandbox_meta WHERE key = 'seed'").get();
    if (seeded) return;
    const centre = db.prepare('INSERT OR IGNORE INTO test_centres (centre_id, name, subjects, capacity) VALUES (?, ?, ?, ?)');
    for (const c of P.centres) centre.run(c.centreId, c.name, c.subjects.join(','), c.capacity);

    const citizen = db.prepare(`INSERT OR IGNORE INTO citizens
      (id_number, name, phone, learner_registered_on, driving_school, permit_issued_on, licence_first_issued_on)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    for (const c of P.citizens) {
      citizen.run(c.idNumber, c.name, c.phone, c.learnerRegisteredOn, c.drivingSchool, c.permitIssuedOn, c.licenceFirstIssuedOn);
    }
    // (the personas' licences: seedLicences, below)
    const result = db.prepare('INSERT INTO exam_results (id_number, subject, exam_date, passed) VALUES (?, ?, ?, ?)');
    for (const r of P.examResults) result.run(r.idNumber, r.subject, r.examDate, r.passed ? 1 : 0);

    const vehicle = db.prepare('INSERT OR IGNORE INTO vehicles (vin, owner_id_number, energy, authority) VALUES (?, ?, ?, ?)');
    const hold = db.prepare(`INSERT INTO plate_holds (plate, vin, id_number, status, reserved_at, expires_on, registered_on)
      VALUES (?, ?, ?, 'registered', ?, NULL, ?)`);
    for (const v of P.vehicles) {
      vehicle.run(v.vin, v.owner, v.energy, v.authority);
      if (v.registeredPlate !== null && v.registeredOn !== null) {
        hold.run(v.registeredPlate, v.vin, v.owner, new Date(`${v.registeredOn}T09:00:00+08:00`).toISOString(), v.registeredOn);
      }
    }

    const violation = db.prepare(`INSERT OR IGNORE INTO violations
      (violation_id, id_number, vin, plate, occurred_at, occurred_on, location, kind, fine_fen, points)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const decision = db.prepare('INSERT OR IGNORE INTO decisions (decision_number, violation_id, issued_on) VALUES (?, ?, ?)');
    const payment = db.prepare(`INSERT OR IGNORE INTO payments (payment_id, decision_number, amount_fen, fine_fen, late_fee_fen, paid_at)
      VALUES (?, ?, ?, ?, 0, ?)`);
    const owner = P.violationsOf;
    for (const v of P.violations) {
      const at = new Date(v.occurredAt);
      violation.run(v.violationId, owner.idNumber, owner.vin, owner.plate, at.toISOString(), chinaDate(at), v.location, v.kind, v.fineFen, v.points);
      if (v.decision) {
        decision.run(v.decision.number, v.violationId, v.decision.issuedOn);
        if (v.decision.paidAt) payment.run(`PAY-SEED-${v.decision.number}`, v.decision.number, v.fineFen, v.fineFen, v.decision.paidAt);
      }
    }
    const deny = db.prepare('INSERT OR IGNORE INTO plate_denylist (fragment, reason) VALUES (?, ?)');
    for (const d of P.denylist) deny.run(d.fragment, d.reason);

    db.prepare("INSERT INTO sandbox_meta (key, value) VALUES ('seed', ?)").run(SEED_VERSION);
  }).immediate();
  seedLicences(db);
}

/**
 * The personas' licence class and validity (sandbox migration 4), once: on a new database right after the seed, on
 * one seeded before the migration at its next start. A licence changed since (a test, a demo) is left as it is.
 */
function seedLicences(db: Database.Database): void {
  db.transaction(() => {
    if (db.prepare("SELECT value FROM sandbox_meta WHERE key = 'seed.licences'").get()) return;
    const licence = db.prepare(`UPDATE citizens SET licence_class = ?, licence_valid_from = ?, licence_valid_until = ?
      WHERE id_number = ? AND licence_class IS NULL`);
    for (const c of P.citizens) {
      if (c.licence) licence.run(c.licence.licenceClass, c.licence.validFrom, c.licence.validUntil, c.idNumber);
    }
    db.prepare("INSERT INTO sandbox_meta (key, value) VALUES ('seed.licences', '1')").run();
  }).immediate();
}

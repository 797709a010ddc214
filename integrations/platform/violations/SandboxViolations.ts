import type { Clock } from '../../clock';
import { chinaDate } from '../../clock';
import { PlatformError } from '../errors';
import { appendEvent } from '../events/appendEvent';
import type { RuleOutcome } from '../commonTypes';
import type { DriverLicence, Payment, PenaltyDecision, PointsStatement, Violation, ViolationKind, ViolationsPort } from './types';
import { check } from '../sandbox/check';
import { firstLicence } from './firstLicence';
import { lateFee } from './lateFee';
import { plateRules } from '../plates/plateRules';
import { pointsCycle } from './pointsCycle';
import type { SandboxStore } from '../sandbox/store';

const RULES = {
  /** Simple procedure (简易程序): fine of at most 200 yuan … */
  simpleProcedureMaxFineFen: 20_000,
  /** … and the cycle's points after handling stay below 12. */
  maxPoints: 12,
} as const;

interface ViolationRow {
  violation_id: string;
  id_number: string;
  vin: string;
  plate: string;
  occurred_at: string;
  occurred_on: string;
  location: string;
  kind: ViolationKind;
  fine_fen: number;
  points: number;
  decision_number: string | null;
}
interface DecisionRow extends ViolationRow {
  decision_number: string;
  issued_on: string;
}
interface LicenceRow {
  licence_first_issued_on: string | null;
  licence_class: string | null;
  licence_valid_from: string | null;
  licence_valid_until: string | null;
}
interface PaymentRow {
  payment_id: string;
  decision_number: string;
  amount_fen: number;
  fine_fen: number;
  late_fee_fen: number;
  paid_at: string;
}

const VIOLATION_SELECT = `SELECT v.*, d.decision_number FROM violations v LEFT JOIN decisions d ON d.violation_id = v.violation_id`;

function toPayment(r: PaymentRow, replayed: boolean): Payment {
  return {
    paymentId: r.payment_id, decisionNumber: r.decision_number, amountFen: r.amount_fen,
    fineFen: r.fine_fen, lateFeeFen: r.late_fee_fen, paidAt: r.paid_at, replayed,
  };
}

/** Violations, penalty decisions, fines and points (DESIGN §4, violations and fines). */
export class SandboxViolations implements ViolationsPort {
  static readonly rules = RULES;

  constructor(private readonly store: SandboxStore, private readonly clock: Clock) {}

  async byPlate(plate: string, vinLast6: string): Promise<Violation[]> {
    const p = plateRules.normalize(check.text(plate, 'plate', 16));
    const tail = check.vinLast6(vinLast6);
    const vehicle = this.store.db.prepare("SELECT vin FROM plate_holds WHERE plate = ? AND status = 'registered'").get(p) as
      { vin: string } | undefined;
    // Same answer for an unknown plate and a wrong VIN tail.
    if (!vehicle || !vehicle.vin.endsWith(tail)) {
      throw new PlatformError('NOT_FOUND', 'no registered vehicle with this plate and VIN tail', { entity: 'vehicle' });
    }
    const rows = this.store.db.prepare(`${VIOLATION_SELECT} WHERE v.vin = ? ORDER BY v.occurred_at`).all(vehicle.vin) as ViolationRow[];
    return rows.map((r) => this.toViolation(r));
  }

  async byOwner(idNumber: string): Promise<Violation[]> {
    const id = check.idNumber(idNumber);
    this.citizen(id);
    const rows = this.store.db.prepare(`${VIOLATION_SELECT} WHERE v.id_number = ? ORDER BY v.occurred_at`).all(id) as ViolationRow[];
    return rows.map((r) => this.toViolation(r));
  }

  async handle(idNumber: string, violationId: string, idempotencyKey: string): Promise<PenaltyDecision> {
    const id = check.idNumber(idNumber);
    const vid = check.text(violationId, 'violationId');
    const key = check.idempotencyKey(idempotencyKey);
    const fingerprint = JSON.stringify([id, vid]);
    return this.store.write(() => {
      const prior = this.store.replay<PenaltyDecision>('violation.handle', key, fingerprint);
      if (prior) return prior;
      const v = this.store.db.prepare(`${VIOLATION_SELECT} WHERE v.violation_id = ? AND v.id_number = ?`).get(vid, id) as ViolationRow | undefined;
      if (!v) throw new PlatformError('NOT_FOUND', 'no such violation for this citizen', { entity: 'violation' });
      if (v.decision_number !== null) {
        throw new PlatformError('ALREADY_HANDLED', 'violation already has a decision', { decisionNumber: v.decision_number });
      }
      const refusal = this.simpleProcedureRefusal(v);
      if (refusal) throw new PlatformError(refusal.code, `online handling refused: ${String(refusal.details.reason)}`, refusal.details);
      const decisionNumber = `320100${String(200_000_000 + this.store.next('decision')).padStart(9, '0')}`;
      this.store.db.prepare('INSERT INTO decisions (decision_number, violation_id, issued_on) VALUES (?, ?, ?)')
        .run(decisionNumber, v.violation_id, this.today());
      const decision = this.decisionOf(decisionNumber);
      appendEvent(this.store, {
        type: 'decision.issued', at: this.clock.now().toISOString(), idNumber: v.id_number, plate: decision.plate,
        data: {
          decisionNumber, violationId: decision.violationId, plate: decision.plate, fineFen: decision.fineFen,
          issuedOn: decision.issuedOn, dueOn: decision.dueOn,
        },
      });
      this.store.remember('violation.handle', key, fingerprint, decision, this.clock.now().toISOString());
      return decision;
    });
  }

  async decision(decisionNumber: string): Promise<PenaltyDecision> {
    return this.decisionOf(check.decisionNumber(decisionNumber));
  }

  async pay(decisionNumber: string, amountFen: number, idempotencyKey: string): Promise<Payment> {
    const dn = check.decisionNumber(decisionNumber);
    const amount = check.integer(amountFen, 'amountFen', 1, 100_000_000);
    const key = check.idempotencyKey(idempotencyKey);
    const fingerprint = JSON.stringify([dn, amount]);
    return this.store.write(() => {
      const prior = this.store.replay<Payment>('decision.pay', key, fingerprint);
      if (prior) return prior;
      const decision = this.decisionOf(dn);
      const existing = this.paymentRow(dn);
      let result: Payment;
      if (existing) {
        // Paid before under another key: report that payment, charge nothing.
        result = toPayment(existing, true);
      } else {
        if (amount !== decision.amountDueFen) {
          throw new PlatformError('AMOUNT_MISMATCH', 'amount differs from the amount due', {
            amountDueFen: decision.amountDueFen, fineFen: decision.fineFen, lateFeeFen: decision.lateFeeFen, asOf: decision.asOf,
          });
        }
        const paymentId = `PAY${String(this.store.next('payment')).padStart(10, '0')}`;
        // UNIQUE(decision_number) makes a second charge impossible even if the check above were bypassed.
        const inserted = this.store.db.prepare(`INSERT INTO payments (payment_id, decision_number, amount_fen, fine_fen, late_fee_fen, paid_at)
          VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (decision_number) DO NOTHING`)
          .run(paymentId, dn, amount, decision.fineFen, decision.lateFeeFen, this.clock.now().toISOString());
        const row = this.paymentRow(dn);
        if (!row) throw new PlatformError('INTERNAL', 'payment vanished');
        result = toPayment(row, inserted.changes === 0);
      }
      this.store.remember('decision.pay', key, fingerprint, result, this.clock.now().toISOString());
      return result;
    });
  }

  async points(idNumber: string): Promise<PointsStatement> {
    const id = check.idNumber(idNumber);
    const first = this.licenceFirstIssuedOn(id);
    if (first === null) {
      // A learner (enrolled with a driving school) has no licence yet: the bot can say so instead of "not found".
      throw new PlatformError('NO_LICENCE', 'citizen holds no driving licence', { learner: this.isLearner(id) });
    }
    const cycle = pointsCycle(first, this.today());
    return { points: this.cyclePoints(id, cycle.cycleStart, cycle.cycleEnd), maxPoints: RULES.maxPoints, ...cycle };
  }

  async licence(idNumber: string): Promise<DriverLicence> {
    const id = check.idNumber(idNumber);
    const row = this.store.db.prepare(`SELECT licence_first_issued_on, licence_class, licence_valid_from, licence_valid_until
      FROM citizens WHERE id_number = ?`).get(id) as LicenceRow | undefined;
    if (!row) throw new PlatformError('NOT_FOUND', 'no such citizen', { entity: 'citizen' });
    if (row.licence_first_issued_on === null) {
      throw new PlatformError('NO_LICENCE', 'citizen holds no driving licence', { learner: this.isLearner(id) });
    }
    if (row.licence_class === null || row.licence_valid_from === null) return firstLicence(row.licence_first_issued_on);
    return { licenceClass: row.licence_class, validFrom: row.licence_valid_from, validUntil: row.licence_valid_until };
  }

  /** Why online handling is refused, or null when the simple procedure applies. */
  private simpleProcedureRefusal(v: ViolationRow): RuleOutcome | null {
    if (v.fine_fen > RULES.simpleProcedureMaxFineFen) {
      return { code: 'NOT_SIMPLE_PROCEDURE', details: { reason: 'fine', fineFen: v.fine_fen, maxFineFen: RULES.simpleProcedureMaxFineFen } };
    }
    const first = this.licenceFirstIssuedOn(v.id_number);
    if (first === null) return { code: 'NO_LICENCE', details: {} };
    // Points go to the cycle the violation happened in.
    const cycle = pointsCycle(first, v.occurred_on);
    const current = this.cyclePoints(v.id_number, cycle.cycleStart, cycle.cycleEnd);
    if (current + v.points >= RULES.maxPoints) {
      return {
        code: 'NOT_SIMPLE_PROCEDURE',
        details: {
          reason: 'points', currentPoints: current, violationPoints: v.points, pointsAfter: current + v.points,
          maxPoints: RULES.maxPoints, cycleStart: cycle.cycleStart, cycleEnd: cycle.cycleEnd,
        },
      };
    }
    return null;
  }

  /** Points of handled violations (those with a decision) that happened within the cycle. */
  private cyclePoints(id: string, from: string, to: string): number {
    const row = this.store.db.prepare(`SELECT COALESCE(SUM(v.points), 0) AS points FROM violations v
      JOIN decisions d ON d.violation_id = v.violation_id WHERE v.id_number = ? AND v.occurred_on BETWEEN ? AND ?`)
      .get(id, from, to) as { points: number };
    return row.points;
  }

  private decisionOf(dn: string): PenaltyDecision {
    const d = this.store.db.prepare(`SELECT v.*, d.decision_number, d.issued_on FROM decisions d
      JOIN violations v ON v.violation_id = d.violation_id WHERE d.decision_number = ?`).get(dn) as DecisionRow | undefined;
    if (!d) throw new PlatformError('NOT_FOUND', 'no such decision', { entity: 'decision' });
    const paid = this.paymentRow(dn);
    const asOf = paid ? chinaDate(new Date(paid.paid_at)) : this.today();
    const fee = lateFee(d.fine_fen, d.issued_on, asOf);
    return {
      decisionNumber: d.decision_number,
      violationId: d.violation_id,
      plate: d.plate,
      issuedOn: d.issued_on,
      dueOn: fee.dueOn,
      fineFen: d.fine_fen,
      points: d.points,
      status: paid ? 'paid' : 'unpaid',
      asOf,
      lateDays: fee.lateDays,
      lateFeeFen: paid ? paid.late_fee_fen : fee.lateFeeFen,
      amountDueFen: paid ? 0 : d.fine_fen + fee.lateFeeFen,
      payment: paid ? toPayment(paid, false) : null,
    };
  }

  private toViolation(r: ViolationRow): Violation {
    const unprocessed = r.decision_number === null;
    const refusal = unprocessed ? this.simpleProcedureRefusal(r) : null;
    return {
      violationId: r.violation_id,
      plate: r.plate,
      occurredAt: r.occurred_at,
      occurredOn: r.occurred_on,
      location: r.location,
      kind: r.kind,
      fineFen: r.fine_fen,
      points: r.points,
      status: unprocessed ? 'unprocessed' : 'handled',
      decisionNumber: r.decision_number,
      onlineHandling: unprocessed ? { allowed: refusal === null, reason: refusal } : null,
    };
  }

  private paymentRow(dn: string): PaymentRow | undefined {
    return this.store.db.prepare('SELECT * FROM payments WHERE decision_number = ?').get(dn) as PaymentRow | undefined;
  }

  private citizen(id: string): void {
    if (!this.store.db.prepare('SELECT 1 FROM citizens WHERE id_number = ?').get(id)) {
      throw new PlatformError('NOT_FOUND', 'no such citizen', { entity: 'citizen' });
    }
  }

  private isLearner(id: string): boolean {
    const row = this.store.db.prepare('SELECT learner_registered_on FROM citizens WHERE id_number = ?').get(id) as
      { learner_registered_on: string | null } | undefined;
    return row?.learner_registered_on != null;
  }

  private licenceFirstIssuedOn(id: string): string | null {
    const row = this.store.db.prepare('SELECT licence_first_issued_on FROM citizens WHERE id_number = ?').get(id) as
      { licence_first_issued_on: string | null } | undefined;
    if (!row) throw new PlatformError('NOT_FOUND', 'no such citizen', { entity: 'citizen' });
    return row.licence_first_issued_on;
  }

  private today(): string {
    return chinaDate(this.clock.now());
  }
}

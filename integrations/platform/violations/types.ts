/** The violations port: violations, handling (penalty decisions), payments with late fees, licence points. */
import type { ChinaDate, Instant, RuleOutcome } from '../commonTypes';

export type ViolationKind = 'speeding' | 'parking' | 'red-light' | 'phone-use' | 'lane' | 'seatbelt';

export interface Violation {
  readonly violationId: string;
  readonly plate: string;
  readonly occurredAt: Instant;
  readonly occurredOn: ChinaDate;
  readonly location: string;
  readonly kind: ViolationKind;
  readonly fineFen: number;
  readonly points: number;
  readonly status: 'unprocessed' | 'handled';
  readonly decisionNumber: string | null;
  /** For unprocessed violations: whether online handling (simple procedure) is open, and if not why. */
  readonly onlineHandling: { readonly allowed: boolean; readonly reason: RuleOutcome | null } | null;
}

export interface Payment {
  readonly paymentId: string;
  readonly decisionNumber: string;
  readonly amountFen: number;
  readonly fineFen: number;
  readonly lateFeeFen: number;
  readonly paidAt: Instant;
  /** True when the decision had already been paid by an earlier call and nothing was charged now. */
  readonly replayed: boolean;
}

export interface PenaltyDecision {
  readonly decisionNumber: string;
  readonly violationId: string;
  readonly plate: string;
  readonly issuedOn: ChinaDate;
  /** Last day to pay without a late fee (issued + 15 days). */
  readonly dueOn: ChinaDate;
  readonly fineFen: number;
  readonly points: number;
  readonly status: 'unpaid' | 'paid';
  /** The China date the amounts below are computed for (the clock's today, or the payment day once paid). */
  readonly asOf: ChinaDate;
  readonly lateDays: number;
  readonly lateFeeFen: number;
  /** What a payment must be now: fine + late fee; 0 once paid. */
  readonly amountDueFen: number;
  readonly payment: Payment | null;
}

export interface PointsStatement {
  readonly points: number;
  readonly maxPoints: number;
  readonly cycleStart: ChinaDate;
  readonly cycleEnd: ChinaDate;
}

/** The citizen's driving licence (驾驶证) as it stands: its class and validity. */
export interface DriverLicence {
  /** The permitted vehicle class (准驾车型), e.g. 'C1', 'A1'. */
  readonly licenceClass: string;
  /** First day of the current validity (the last issue or renewal). */
  readonly validFrom: ChinaDate;
  /** Last day of validity; null for a licence valid long-term (长期). Renewal (换证) is due from 90 days before. */
  readonly validUntil: ChinaDate | null;
}

export interface ViolationsPort {
  /** Errors: NOT_FOUND when the plate and VIN tail do not match a registered vehicle. */
  byPlate(plate: string, vinLast6: string): Promise<Violation[]>;
  byOwner(idNumber: string): Promise<Violation[]>;
  /** Errors: NOT_SIMPLE_PROCEDURE (details.reason 'fine' | 'points'), ALREADY_HANDLED (details.decisionNumber), NOT_FOUND. */
  handle(idNumber: string, violationId: string, idempotencyKey: string): Promise<PenaltyDecision>;
  decision(decisionNumber: string): Promise<PenaltyDecision>;
  /** amountFen must equal the decision's amountDueFen. A paid decision is never charged again. Errors: AMOUNT_MISMATCH. */
  pay(decisionNumber: string, amountFen: number, idempotencyKey: string): Promise<Payment>;
  /** Errors: NO_LICENCE (details.learner: true for a learner driver, enrolled with a driving school). */
  points(idNumber: string): Promise<PointsStatement>;
  /** Errors: NO_LICENCE (details.learner as for points), NOT_FOUND (details.entity 'citizen'). */
  licence(idNumber: string): Promise<DriverLicence>;
}

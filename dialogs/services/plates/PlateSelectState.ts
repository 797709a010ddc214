import type { FlowOptions } from '../../shared/FlowOptions';

/** 随机选号 (random candidate rounds) or 自编号码 (the citizen's own patterns). */
export type PlateWay = 'random' | 'pattern';

/** What the plate selection flow has collected so far (kept in dialog state, so nothing is lost between turns). */
export interface PlateSelectState extends FlowOptions {
  idNumber?: string;
  vin?: string;
  /** The owner's vehicles offered to pick from (in the order of the buttons). */
  vehicleVins?: string[];
  /** The citizen chose 「其他车辆」: ask for the VIN instead of offering their vehicles. */
  typeVin?: boolean;
  way?: PlateWay;
  /** The current random round: its number, rounds still possible after it, and the candidates not yet ruled out. */
  round?: number;
  roundsLeft?: number;
  candidates?: string[];
  /** Why the last answer with numbers could not be read (said when they are asked again). */
  patternProblem?: string;
  /** Answers in a row at the numbers question that led to no plate (unreadable, invalid, none free): see AskOptions.failures. */
  patternFailures?: number;
  /** Patterns the citizen proposed that were not checked yet (after the one offered). */
  pendingPatterns?: string[];
  /** The plate offered for confirmation. */
  plate?: string;
  /** Idempotency key of the reservation of `reserveKeyFor`, made before the confirmation is asked. */
  reserveKey?: string;
  reserveKeyFor?: string;
  /** Set when the flow comes back to the selection, so the vehicle is not announced again. */
  resumed?: boolean;
}

/** How a selection loop (random rounds or patterns) ended. */
export type PickOutcome =
  | { outcome: 'plate'; plate: string; state: PlateSelectState }
  | { outcome: 'vehicleNotFound' | 'retryWay' | 'stop' | 'back'; state: PlateSelectState };

/** The only part of a VIN ever shown back: its last 6 characters. */
export function vinTail(vin: string | undefined): string {
  return (vin ?? '').slice(-6);
}

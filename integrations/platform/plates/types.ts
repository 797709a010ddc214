/** The plates port: choosing a licence plate (random rounds or patterns) and holding it for a vehicle. */
import type { ChinaDate, Instant } from '../commonTypes';

/** D plates for battery-electric vehicles, F plates for other new-energy vehicles. */
export type NewEnergyKind = 'battery-electric' | 'other';

export interface PlateRound {
  readonly round: number;
  readonly roundsLeft: number;
  /** 10 available plates, e.g. '苏A3K721' or '苏AD12345'. */
  readonly candidates: readonly string[];
}

export type PatternVerdict = 'available' | 'taken' | 'invalid' | 'denied';

export interface PatternCheck {
  readonly pattern: string;
  /** The normalised full plate, or null when the pattern could not be read as one. */
  readonly plate: string | null;
  readonly verdict: PatternVerdict;
}

export interface PatternResult {
  /** The first available plate in the order given, or null. */
  readonly plate: string | null;
  /** One entry per pattern checked, in order, up to and including the first available one. */
  readonly checked: readonly PatternCheck[];
}

export interface PlateReservation {
  readonly plate: string;
  /** Last 6 characters of the VIN only. */
  readonly vinLast6: string;
  readonly status: 'reserved' | 'registered';
  readonly reservedAt: Instant;
  /** The plate is released after this China date unless the vehicle is registered; null once registered. */
  readonly expiresOn: ChinaDate | null;
}

/** A vehicle registered to the citizen (as the vehicle administration holds it), with its plate when it has one. */
export interface OwnedVehicle {
  /** The whole VIN (the owner's own vehicle; the plate calls take it). Never shown or logged whole: show vinLast6. */
  readonly vin: string;
  readonly vinLast6: string;
  /** The registered plate, or null for a new vehicle not yet registered. */
  readonly plate: string | null;
  readonly energy: 'fuel' | 'battery-electric' | 'other-new-energy';
}

export type PlateQuery = { readonly idNumber: string } | { readonly vin: string };

export interface PlatesPort {
  /** Errors: ROUNDS_EXHAUSTED after 5 rounds, VEHICLE_HAS_PLATE, NOT_FOUND, PLATE_INVALID (kind mismatch). */
  startRandomRound(idNumber: string, vin: string, newEnergyKind?: NewEnergyKind): Promise<PlateRound>;
  /** Up to 20 patterns (full plates or serials), checked in order. */
  checkPatterns(idNumber: string, vin: string, patterns: readonly string[]): Promise<PatternResult>;
  /** Holds an offered plate for the vehicle. Errors: PLATE_TAKEN, PLATE_INVALID, PLATE_DENIED, PLATE_NOT_OFFERED, VEHICLE_HAS_PLATE. */
  reserve(idNumber: string, vin: string, plate: string, idempotencyKey: string): Promise<PlateReservation>;
  /** The plates currently held (reserved or registered) for the citizen's vehicles, or for one vehicle. */
  reservedPlate(query: PlateQuery): Promise<PlateReservation[]>;
  /** The vehicles registered to the citizen, oldest first (so a bound owner picks one instead of typing a VIN). */
  vehicles(idNumber: string): Promise<OwnedVehicle[]>;
}

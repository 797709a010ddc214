import type { Clock } from '../../clock';
import { chinaDate } from '../../clock';
import { PlatformError } from '../errors';
import type { NewEnergyKind, OwnedVehicle, PatternCheck, PatternResult, PlateQuery, PlateReservation, PlateRound, PlatesPort } from './types';
import { calendar } from '../sandbox/calendar';
import { check } from '../sandbox/check';
import { plateRules } from './plateRules';
import type { DenyEntry, PlateEnergy, PlateParse } from './plateRules';
import { SandboxStore } from '../sandbox/store';

const RULES = {
  candidatesPerRound: 10,
  maxRounds: 5,
  maxPatterns: 20,
  /** A reserved plate is released this many days after selection unless the vehicle gets registered. */
  holdDays: 30,
} as const;

interface VehicleRow {
  vin: string;
  owner_id_number: string;
  energy: PlateEnergy;
  authority: string;
  plate_rounds: number;
}
interface HoldRow {
  plate: string;
  vin: string;
  status: 'reserved' | 'registered';
  reserved_at: string;
  expires_on: string | null;
}

const KIND_OF: Readonly<Record<PlateEnergy, NewEnergyKind | undefined>> = {
  fuel: undefined,
  'battery-electric': 'battery-electric',
  'other-new-energy': 'other',
};

function toReservation(r: HoldRow): PlateReservation {
  return { plate: r.plate, vinLast6: r.vin.slice(-6), status: r.status, reservedAt: r.reserved_at, expiresOn: r.expires_on };
}

function invalidPlate(problem: Exclude<PlateParse, { ok: true }>['problem']): PlatformError {
  return new PlatformError('PLATE_INVALID', `plate does not fit the rules: ${problem}`, { reason: problem });
}

/** 自选号牌: random candidate rounds or proposed patterns, then a hold until registration (DESIGN §4, plates). */
export class SandboxPlates implements PlatesPort {
  static readonly rules = RULES;

  constructor(private readonly store: SandboxStore, private readonly clock: Clock) {}

  async startRandomRound(idNumber: string, vin: string, newEnergyKind?: NewEnergyKind): Promise<PlateRound> {
    const id = check.idNumber(idNumber);
    const v = check.vin(vin);
    const kind = check.newEnergyKind(newEnergyKind);
    return this.store.write(() => {
      const vehicle = this.ownedVehicle(id, v);
      this.checkKind(vehicle, kind);
      this.releaseExpired();
      this.refuseIfHeld(vehicle.vin);
      if (vehicle.plate_rounds >= RULES.maxRounds) {
        throw new PlatformError('ROUNDS_EXHAUSTED', 'no random rounds left for this vehicle', { maxRounds: RULES.maxRounds });
      }
      const denylist = this.denylist();
      const candidates = new Set<string>();
      for (let tries = 0; candidates.size < RULES.candidatesPerRound && tries < 10_000; tries += 1) {
        const serial = plateRules.randomSerial(vehicle.energy);
        const plate = `${plateRules.province}${vehicle.authority}${serial}`;
        if (plateRules.deniedBy(serial, denylist) || this.isHeld(plate)) continue;
        candidates.add(plate);
      }
      const round = vehicle.plate_rounds + 1;
      this.store.db.prepare('UPDATE vehicles SET plate_rounds = ? WHERE vin = ?').run(round, vehicle.vin);
      const offer = this.store.db.prepare('INSERT OR IGNORE INTO plate_offers (vin, plate, round, offered_at) VALUES (?, ?, ?, ?)');
      const now = this.clock.now().toISOString();
      for (const plate of candidates) offer.run(vehicle.vin, plate, round, now);
      return { round, roundsLeft: RULES.maxRounds - round, candidates: [...candidates] };
    });
  }

  async checkPatterns(idNumber: string, vin: string, patterns: readonly string[]): Promise<PatternResult> {
    const id = check.idNumber(idNumber);
    const v = check.vin(vin);
    if (!Array.isArray(patterns) || patterns.length === 0 || patterns.length > RULES.maxPatterns) {
      throw new PlatformError('INVALID_ARGUMENT', 'invalid patterns: 1-20 entries', { field: 'patterns', rule: `1-${RULES.maxPatterns} entries` });
    }
    const list = patterns.map((p) => check.text(p, 'patterns', 16));
    return this.store.write(() => {
      const vehicle = this.ownedVehicle(id, v);
      this.releaseExpired();
      this.refuseIfHeld(vehicle.vin);
      const denylist = this.denylist();
      const checked: PatternCheck[] = [];
      for (const pattern of list) {
        const parsed = plateRules.fromPattern(pattern, vehicle.authority, vehicle.energy);
        if (!parsed.ok) {
          checked.push({ pattern, plate: null, verdict: 'invalid' });
        } else if (parsed.authority !== vehicle.authority) {
          checked.push({ pattern, plate: parsed.plate, verdict: 'invalid' });
        } else if (plateRules.deniedBy(parsed.serial, denylist)) {
          checked.push({ pattern, plate: parsed.plate, verdict: 'denied' });
        } else if (this.isHeld(parsed.plate)) {
          checked.push({ pattern, plate: parsed.plate, verdict: 'taken' });
        } else {
          checked.push({ pattern, plate: parsed.plate, verdict: 'available' });
          this.store.db.prepare('INSERT OR IGNORE INTO plate_offers (vin, plate, round, offered_at) VALUES (?, ?, 0, ?)')
            .run(vehicle.vin, parsed.plate, this.clock.now().toISOString());
          return { plate: parsed.plate, checked };
        }
      }
      return { plate: null, checked };
    });
  }

  async reserve(idNumber: string, vin: string, plate: string, idempotencyKey: string): Promise<PlateReservation> {
    const id = check.idNumber(idNumber);
    const v = check.vin(vin);
    const wanted = plateRules.normalize(check.text(plate, 'plate', 16));
    const key = check.idempotencyKey(idempotencyKey);
    const fingerprint = JSON.stringify([id, v, wanted]);
    return this.store.write(() => {
      const prior = this.store.replay<PlateReservation>('plate.reserve', key, fingerprint);
      if (prior) return prior;
      const vehicle = this.ownedVehicle(id, v);
      this.releaseExpired();
      this.refuseIfHeld(vehicle.vin);
      const parsed = plateRules.parse(wanted, vehicle.energy);
      if (!parsed.ok) throw invalidPlate(parsed.problem);
      if (parsed.authority !== vehicle.authority) throw invalidPlate('authority');
      const denied = plateRules.deniedBy(parsed.serial, this.denylist());
      if (denied) throw new PlatformError('PLATE_DENIED', 'plate is on the denylist', { reason: denied.reason, fragment: denied.fragment });
      if (this.isHeld(parsed.plate)) throw new PlatformError('PLATE_TAKEN', 'plate is held for another vehicle', { plate: parsed.plate });
      const offered = this.store.db.prepare('SELECT 1 FROM plate_offers WHERE vin = ? AND plate = ? AND (round = 0 OR round = ?)')
        .get(vehicle.vin, parsed.plate, vehicle.plate_rounds);
      if (!offered) {
        throw new PlatformError('PLATE_NOT_OFFERED', 'plate was not offered to this vehicle by a current round or a pattern check', { plate: parsed.plate });
      }
      const now = this.clock.now();
      const expiresOn = calendar.addDays(chinaDate(now), RULES.holdDays);
      try {
        this.store.db.prepare(`INSERT INTO plate_holds (plate, vin, id_number, status, reserved_at, expires_on)
          VALUES (?, ?, ?, 'reserved', ?, ?)`).run(parsed.plate, vehicle.vin, id, now.toISOString(), expiresOn);
      } catch (err) {
        // The unique indexes are the last word, also against another connection.
        if (SandboxStore.isUniqueViolation(err)) {
          throw new PlatformError('PLATE_TAKEN', 'plate is held for another vehicle', { plate: parsed.plate });
        }
        throw err;
      }
      const result: PlateReservation = {
        plate: parsed.plate, vinLast6: vehicle.vin.slice(-6), status: 'reserved', reservedAt: now.toISOString(), expiresOn,
      };
      this.store.remember('plate.reserve', key, fingerprint, result, now.toISOString());
      return result;
    });
  }

  async reservedPlate(query: PlateQuery): Promise<PlateReservation[]> {
    const today = chinaDate(this.clock.now());
    const active = "(h.status = 'registered' OR (h.status = 'reserved' AND h.expires_on >= ?))";
    if ('vin' in query) {
      const v = check.vin(query.vin);
      const rows = this.store.db.prepare(`SELECT h.* FROM plate_holds h WHERE h.vin = ? AND ${active}`).all(v, today) as HoldRow[];
      return rows.map(toReservation);
    }
    const id = check.idNumber(query.idNumber);
    const rows = this.store.db.prepare(`SELECT h.* FROM plate_holds h JOIN vehicles v ON v.vin = h.vin
      WHERE v.owner_id_number = ? AND ${active} ORDER BY h.hold_id`).all(id, today) as HoldRow[];
    return rows.map(toReservation);
  }

  async vehicles(idNumber: string): Promise<OwnedVehicle[]> {
    const id = check.idNumber(idNumber);
    const rows = this.store.db.prepare(`SELECT v.vin, v.energy, h.plate FROM vehicles v
      LEFT JOIN plate_holds h ON h.vin = v.vin AND h.status = 'registered'
      WHERE v.owner_id_number = ? ORDER BY v.rowid`).all(id) as Array<{ vin: string; energy: PlateEnergy; plate: string | null }>;
    return rows.map((r) => ({ vin: r.vin, vinLast6: r.vin.slice(-6), plate: r.plate, energy: r.energy }));
  }

  private ownedVehicle(id: string, vin: string): VehicleRow {
    const vehicle = this.store.db.prepare('SELECT * FROM vehicles WHERE vin = ? AND owner_id_number = ?').get(vin, id) as VehicleRow | undefined;
    // Same answer for "no such vehicle" and "not yours": a VIN must not reveal its owner.
    if (!vehicle) throw new PlatformError('NOT_FOUND', 'no such vehicle for this citizen', { entity: 'vehicle' });
    return vehicle;
  }

  private checkKind(vehicle: VehicleRow, kind: NewEnergyKind | undefined): void {
    if (kind !== undefined && KIND_OF[vehicle.energy] !== kind) {
      throw new PlatformError('PLATE_INVALID', 'requested new-energy kind does not match the vehicle', {
        reason: 'energy-mismatch', vehicleEnergy: vehicle.energy,
      });
    }
  }

  private releaseExpired(): void {
    this.store.db.prepare("UPDATE plate_holds SET status = 'expired' WHERE status = 'reserved' AND expires_on < ?")
      .run(chinaDate(this.clock.now()));
  }

  private refuseIfHeld(vin: string): void {
    const held = this.store.db.prepare("SELECT plate, status FROM plate_holds WHERE vin = ? AND status IN ('reserved', 'registered')")
      .get(vin) as { plate: string; status: string } | undefined;
    if (held) throw new PlatformError('VEHICLE_HAS_PLATE', 'vehicle already holds a plate', { plate: held.plate, status: held.status });
  }

  private isHeld(plate: string): boolean {
    return this.store.db.prepare("SELECT 1 FROM plate_holds WHERE plate = ? AND status IN ('reserved', 'registered')").get(plate) !== undefined;
  }

  private denylist(): DenyEntry[] {
    return this.store.db.prepare('SELECT fragment, reason FROM plate_denylist').all() as DenyEntry[];
  }
}

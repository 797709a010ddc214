import type Database from 'better-sqlite3';
import type { Clock } from '../../clock';
import type { TrafficPlatform } from '../types';
import { SandboxExams } from './SandboxExams';
import { SandboxIdentity } from './SandboxIdentity';
import { SandboxPlates } from './SandboxPlates';
import { SandboxSms } from './SandboxSms';
import { SandboxViolations } from './SandboxViolations';
import { prepareSandboxDatabase } from './setup';
import { SandboxStore } from './store';

/**
 * The sandbox traffic platform on SQLite: a faithful stand-in for the provincial platform (DESIGN §4).
 * Migrates and seeds the database on construction (idempotent). Every rule is enforced inside SQLite transactions,
 * so several instances (connections) on one database file stay consistent.
 */
export class SandboxPlatform implements TrafficPlatform {
  readonly identity: SandboxIdentity;
  readonly exams: SandboxExams;
  readonly plates: SandboxPlates;
  readonly violations: SandboxViolations;
  readonly sms: SandboxSms;

  constructor(db: Database.Database, clock: Clock) {
    prepareSandboxDatabase(db);
    const store = new SandboxStore(db);
    this.sms = new SandboxSms(store, clock);
    this.identity = new SandboxIdentity(store, clock, this.sms);
    this.exams = new SandboxExams(store, clock);
    this.plates = new SandboxPlates(store, clock);
    this.violations = new SandboxViolations(store, clock);
  }
}

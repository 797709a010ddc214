import type Database from 'better-sqlite3';
import type { Clock } from '../../clock';
import type { TrafficPlatform } from '../types';
import { SandboxEvents } from '../events/SandboxEvents';
import { SandboxExams } from '../exams/SandboxExams';
import { SandboxIdentity } from '../identity/SandboxIdentity';
import { SandboxPlates } from '../plates/SandboxPlates';
import { SandboxSms } from '../sms/SandboxSms';
import { SandboxViolations } from '../violations/SandboxViolations';
import { prepareSandboxDatabase } from './setup';
import { SandboxStore } from './store';

/**
 * The sandbox traffic platform on SQLite: a faithful stand-in for the provincial platform (DESIGN §4).
 * Migrates and seeds the database on construction (idempotent). Every rule is enforced inside SQLite transactions,
 * so several instances (connections) on one database file stay consistent.
 *
 * Composed of the ports' sandbox parts (`<port>/Sandbox*.ts`) on the shared infrastructure of this folder (store,
 * migrations, seed personas, calendar, argument checks); `implements TrafficPlatform` fails to compile when a port
 * of ../ports has no sandbox part here.
 */
export class SandboxPlatform implements TrafficPlatform {
  readonly identity: SandboxIdentity;
  readonly exams: SandboxExams;
  readonly plates: SandboxPlates;
  readonly violations: SandboxViolations;
  readonly sms: SandboxSms;
  readonly events: SandboxEvents;

  constructor(db: Database.Database, clock: Clock) {
    prepareSandboxDatabase(db);
    const store = new SandboxStore(db);
    this.sms = new SandboxSms(store, clock);
    this.identity = new SandboxIdentity(store, clock, this.sms);
    this.exams = new SandboxExams(store, clock);
    this.plates = new SandboxPlates(store, clock);
    this.violations = new SandboxViolations(store, clock);
    this.events = new SandboxEvents(store);
  }
}

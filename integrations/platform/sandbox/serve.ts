/**
 * Runs the sandbox traffic platform over HTTP: `npm run sandbox`.
 * DATA_DIR (default ./data) holds sandbox.sqlite; SANDBOX_PORT (default 3979); SANDBOX_TODAY=YYYY-MM-DD fixes the
 * China date (moving on with real time from 09:00), e.g. 2026-11-25 for the persona demos. It listens on loopback
 * (SANDBOX_HOST to change that): its API binds identities and shows SMS codes to whoever asks, as a stand-in does.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { fixedDateClock, systemClock } from '../../clock';
import { createSandboxHttpServer } from './httpServer';
import { SandboxAdmin } from './SandboxAdmin';
import { SandboxPlatform } from './SandboxPlatform';

const log = pino({ name: 'sandbox-platform' });
const dataDir = process.env['DATA_DIR'] ?? './data';
const port = Number(process.env['SANDBOX_PORT'] ?? 3979);
const host = process.env['SANDBOX_HOST'] ?? '127.0.0.1';
const today = process.env['SANDBOX_TODAY'];

mkdirSync(dataDir, { recursive: true });
const db = new Database(join(dataDir, 'sandbox.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
db.pragma('foreign_keys = ON');

const clock = today ? fixedDateClock(today) : systemClock;
const server = createSandboxHttpServer(new SandboxPlatform(db, clock), {
  admin: new SandboxAdmin(db, clock),
  onError: (err) => log.error({ err }, 'unexpected error'),
});

server.listen(port, host, () => log.info({ port, host, dataDir, today: today ?? 'system clock' }, 'sandbox platform listening'));

function shutdown(): void {
  server.close(() => {
    db.close();
    process.exit(0);
  });
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

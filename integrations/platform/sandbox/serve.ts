/**
 * Runs the sandbox traffic platform over HTTP: `npm run sandbox`.
 * DATA_DIR (default ./data) holds sandbox.sqlite; SANDBOX_PORT (default 3979); SANDBOX_TODAY=YYYY-MM-DD fixes the
 * China date (moving on with real time from 09:00), e.g. 2026-11-25 for the persona demos. It listens on loopback
 * (SANDBOX_HOST to change that): its API binds identities and shows SMS codes to whoever asks, as a stand-in does.
 */
import { join } from 'node:path';
import pino from 'pino';
import { fixedDateClock, systemClock } from '../../clock';
import { openSqlite } from '../../storage/sqlite/openSqlite';
import { createSandboxHttpServer } from './httpServer';
import { SandboxAdmin } from './SandboxAdmin';
import { SandboxPlatform } from './SandboxPlatform';

const log = pino({ name: 'sandbox-platform' });
const dataDir = process.env['DATA_DIR'] ?? './data';
const port = Number(process.env['SANDBOX_PORT'] ?? 3979);
const host = process.env['SANDBOX_HOST'] ?? '127.0.0.1';
const today = process.env['SANDBOX_TODAY'];

// Like the bot's files: folder 0700, file 0600 (openSqlite), looser modes tightened and said so.
const db = openSqlite(join(dataDir, 'sandbox.sqlite'), {
  onPermissionChange: (c) => log.warn(c, c.left ? 'data file or folder readable by other users, left as it is' : 'tightened the permissions of a data file or folder'),
});

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

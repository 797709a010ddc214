import type Database from 'better-sqlite3';
import type { AddressInfo } from 'node:net';
import { HttpPlatform } from '../../../integrations/platform/http/HttpPlatform';
import { createSandboxHttpServer } from '../../../integrations/platform/sandbox/httpServer';
import type { SandboxAdmin } from '../../../integrations/platform/sandbox/SandboxAdmin';
import type { SandboxPlatform } from '../../../integrations/platform/sandbox/SandboxPlatform';
import type { TrafficPlatform } from '../../../integrations/platform/types';
import { sandbox, type ManualClock } from './fixtures';

/** The platform under test (the sandbox object, or the HTTP client against the sandbox server) and the world behind it. */
export interface PortTarget {
  /** What the test calls. */
  platform: TrafficPlatform;
  /** The sandbox behind it, to arrange things directly. */
  sandbox: SandboxPlatform;
  admin: SandboxAdmin;
  db: Database.Database;
  clock: ManualClock;
  /** Every URL the HTTP client asked for (empty for the sandbox object). */
  urls: string[];
  close: () => Promise<void>;
}

/** A shared port contract runs against both: `describe.each(PORT_TARGETS)('… through %s', (_name, open) => …)`. */
export const PORT_TARGETS: Array<[string, () => Promise<PortTarget>]> = [
  ['the sandbox', async () => {
    const { db, clock, platform, admin } = sandbox();
    return { platform, sandbox: platform, admin, db, clock, urls: [], close: async () => { db.close(); } };
  }],
  ['the HTTP client against the sandbox server', async () => {
    const { db, clock, platform, admin } = sandbox();
    const server = createSandboxHttpServer(platform, { admin });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const urls: string[] = [];
    const spy: typeof fetch = (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    };
    return {
      platform: new HttpPlatform({ baseUrl: url, timeoutMs: 2000, fetch: spy }), sandbox: platform, admin, db, clock, urls,
      close: async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        db.close();
      },
    };
  }],
];

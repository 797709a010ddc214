import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { citizenLoad, MESSAGES, memoryOf, METRICS_TOKEN, pickOne, startProcess, table, waitReady, type Memory } from './benchBot';

/**
 * npm run bench:soak — a bounded soak: the bot on the embedded defaults under a steady WeChat load well below
 * its capacity (SOAK_RATE turns/s from 50 citizens, a new citizen every SOAK_NEW_EVERY turns) for SOAK_SECONDS
 * (5 minutes), its memory read every SOAK_SAMPLE_SECONDS. Prints the curve as a table (also written as CSV
 * to soak.csv in the working folder) and the heap's growth per minute over the second half.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const RATE = Number(process.env.SOAK_RATE ?? 150);
const SAMPLE_SECONDS = Number(process.env.SOAK_SAMPLE_SECONDS ?? 15);
const fmt = (n: number, d = 0): string => n.toFixed(d);

/** Least-squares slope of y over x. */
function slope(points: ReadonlyArray<[number, number]>): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-soak-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const bot = startProcess('bot/index.ts', {
    PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', SANDBOX_TODAY: '2026-11-25', CITIZEN_RATE_PER_MINUTE: '1000000', METRICS_TOKEN,
  });
  const base = `http://127.0.0.1:${port}`;
  await waitReady(`${base}/readyz`);
  const samples: Array<{ t: number; turns: number; memory: Memory }> = [];
  let turns = 0;
  const t0 = Date.now();
  try {
    samples.push({ t: 0, turns: 0, memory: await memoryOf(base) });
    let sent = 0;
    const load = citizenLoad('o_soak', () => pickOne(MESSAGES));
    const [request] = load.requests ?? [];
    const run = autocannon({
      url: base, connections: 50, duration: SECONDS, overallRate: RATE, timeout: 10, initialContext: {},
      requests: [{
        ...request,
        setupRequest: (req, context) => {
          // A new citizen now and then: conversations keep being started over the whole soak.
          sent += 1;
          if (sent % 20 === 0) context.openid = undefined;
          turns = sent;
          return request.setupRequest ? request.setupRequest(req, context) : req;
        },
      }],
    });
    const timer = setInterval(() => {
      memoryOf(base).then((memory) => samples.push({ t: (Date.now() - t0) / 1000, turns, memory }), () => undefined);
    }, SAMPLE_SECONDS * 1000);
    const result = await run;
    clearInterval(timer);
    samples.push({ t: (Date.now() - t0) / 1000, turns: result.requests.total, memory: await memoryOf(base) });

    const rows = samples.map((s) => [fmt(s.t), String(s.turns), fmt(s.memory.rssMb), fmt(s.memory.heapUsedMb), fmt(s.memory.heapTotalMb)]);
    const header = ['s', 'turns', 'RSS MB', 'heap used MB', 'heap total MB'];
    writeFileSync('soak.csv', `${header.join(',')}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const secondHalf = samples.filter((s) => s.t >= SECONDS / 2);
    const perMinute = (pick: (m: Memory) => number): string => fmt(slope(secondHalf.map((s) => [s.t / 60, pick(s.memory)])), 1);
    process.stdout.write(`\nbench:soak — ${SECONDS} s at ${RATE} WeChat turns/s (50 citizens, a new one every 20 turns), SQLite\n\n`);
    process.stdout.write(table(header, rows));
    process.stdout.write(`\nturns ${result.requests.total}, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors + result.non2xx}\n`);
    process.stdout.write(`growth over the second half: RSS ${perMinute((m) => m.rssMb)} MB/min, heap used ${perMinute((m) => m.heapUsedMb)} MB/min (curve in soak.csv)\n`);
  } finally {
    bot.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:soak failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

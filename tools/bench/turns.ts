import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import autocannon from 'autocannon';
import { citizenLoad, MESSAGES, memoryOf, METRICS_TOKEN, pickOne, startProcess, table, waitReady } from './benchBot';

/**
 * npm run bench:turns — the bot on the embedded defaults (SQLite, sandbox, trained model) and a bare restify
 * echo server, each in its own process, driven by autocannon: 50 concurrent citizens, each sending realistic
 * Chinese WeChat messages across the services one after the other (the next once the last is answered), after
 * a warm-up that is not counted. Then the same for /api/messages. Prints turns/s, p50/p99 and the ratio to the
 * echo; then memory with 10,000 more conversations in state, and the start-up time.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARM_UP_SECONDS = 5;
const CONNECTIONS = 50;
const fmt = (n: number, d = 0): string => n.toFixed(d);

/** WeChat and Bot Framework turns/s against the bot at `base`, after a warm-up that is not counted. */
async function turnRows(base: string, echoPort: number, echoRate: number, label: string): Promise<string[][]> {
  const rows: string[][] = [];
  // Warm-up (JIT, first use of every flow), not counted.
  await autocannon({ url: base, connections: CONNECTIONS, duration: WARM_UP_SECONDS, timeout: 10, ...citizenLoad('o_warm', () => pickOne(MESSAGES)) });
  const wechat = await autocannon({ url: base, connections: CONNECTIONS, duration: SECONDS, timeout: 10, ...citizenLoad('o_bench', () => pickOne(MESSAGES)) });
  rows.push([`POST /api/wechat (WeChat turn)${label}`, fmt(wechat.requests.average), fmt(wechat.latency.p50), fmt(wechat.latency.p99),
    fmt(wechat.requests.average / echoRate, 3), String(wechat.errors + wechat.non2xx)]);

  let bfConversations = 0;
  const bf = await autocannon({
    url: base, connections: CONNECTIONS, duration: SECONDS, timeout: 10, initialContext: {},
    requests: [{
      method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json' },
      setupRequest: (req, context) => {
        context.id ??= (bfConversations += 1);
        const id = String(context.id);
        return { ...req, body: JSON.stringify({
          type: 'message', id: `m${Math.random()}`, channelId: 'emulator', serviceUrl: `http://127.0.0.1:${echoPort}`, text: pickOne(MESSAGES),
          from: { id: `u${id}`, role: 'user' }, recipient: { id: 'bot', role: 'bot' }, conversation: { id: `bench-${id}` },
        }) };
      },
    }],
  });
  rows.push([`POST /api/messages (Bot Framework turn)${label}`, fmt(bf.requests.average), fmt(bf.latency.p50), fmt(bf.latency.p99),
    fmt(bf.requests.average / echoRate, 3), String(bf.errors + bf.non2xx)]);
  return rows;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-bench-'));
  const echo = startProcess('tools/bench/echoServer.ts', { PORT: '0' });
  const echoPort = Number(await echo.firstLine);
  const botPort = 3900 + Math.floor(Math.random() * 90);
  const t0 = Date.now();
  const bot = startProcess('bot/index.ts', {
    PORT: String(botPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn', SANDBOX_TODAY: '2026-11-25', CITIZEN_RATE_PER_MINUTE: '1000000', METRICS_TOKEN,
  });
  const base = `http://127.0.0.1:${botPort}`;
  await waitReady(`${base}/readyz`);
  const startupMs = Date.now() - t0;
  const rows: string[][] = [];
  try {
    const echoRun = await autocannon({
      url: `http://127.0.0.1:${echoPort}`, connections: CONNECTIONS, duration: SECONDS,
      requests: [{ method: 'POST', path: '/echo', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '查违章', from: 'o_bench' }) }],
    });
    rows.push(['restify JSON echo', fmt(echoRun.requests.average), fmt(echoRun.latency.p50), fmt(echoRun.latency.p99), '1.00', String(echoRun.errors + echoRun.non2xx)]);

    rows.push(...(await turnRows(base, echoPort, echoRun.requests.average, '')));

    const before = await memoryOf(base);
    const t1 = Date.now();
    const started = await autocannon({
      url: base, connections: CONNECTIONS, amount: 10_000, timeout: 10, ...citizenLoad('o_mem', () => pickOne(['查违章', '预约科目二', '我想选个车牌']), true),
    });
    const after = await memoryOf(base);
    const db = new Database(join(dataDir, 'jiaoguan.sqlite'), { readonly: true });
    const inState = (db.prepare("SELECT COUNT(*) AS n FROM bot_state WHERE key LIKE 'wechat/conversations/%'").get() as { n: number }).n;
    db.close();

    // The same with two bot processes on the port (WORKERS=2, node:cluster) and one store.
    bot.child.kill('SIGTERM');
    await new Promise((r) => bot.child.once('exit', r));
    const clusterDir = mkdtempSync(join(tmpdir(), 'jiaoguan-bench-'));
    const pair = startProcess('bot/index.ts', {
      PORT: String(botPort), DATA_DIR: clusterDir, LOG_LEVEL: 'warn', SANDBOX_TODAY: '2026-11-25', CITIZEN_RATE_PER_MINUTE: '1000000', METRICS_TOKEN, WORKERS: '2',
    });
    await pair.firstLine; // the banner: every process listens
    try {
      rows.push(...(await turnRows(base, echoPort, echoRun.requests.average, ', WORKERS=2')));
    } finally {
      pair.child.kill('SIGTERM');
      await new Promise((r) => pair.child.once('exit', r));
      rmSync(clusterDir, { recursive: true, force: true });
    }

    process.stdout.write(`\nbench:turns — ${CONNECTIONS} concurrent citizens, ${SECONDS} s each (after a ${WARM_UP_SECONDS} s warm-up), sandbox platform, SQLite\n\n`);
    process.stdout.write(`${table(['target', 'turns/s', 'p50 ms', 'p99 ms', 'ratio to echo', 'errors'], rows)}\n`);
    process.stdout.write(`start-up to ready (spawn → /readyz 200, trained model present, empty data folder): ${startupMs} ms\n`);
    const mem = (m: typeof before): string => `RSS ${fmt(m.rssMb)} MB (V8 heap ${fmt(m.heapUsedMb)} used of ${fmt(m.heapTotalMb)})`;
    process.stdout.write(`memory after the load phases: ${mem(before)}\n`);
    process.stdout.write(`memory after 10,000 more conversations were started (${fmt(started.requests.total)} turns in ${fmt((Date.now() - t1) / 1000, 1)} s, errors ${started.errors + started.non2xx}; ${inState} WeChat conversations in state): ${mem(after)}\n`);
  } finally {
    bot.child.kill('SIGTERM');
    echo.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:turns failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

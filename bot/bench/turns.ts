import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SANDBOX_WECHAT } from '../config';

/**
 * npm run bench:turns — the bot on the embedded defaults (SQLite, sandbox, trained model) and a bare restify
 * echo server, each in its own process, driven by autocannon with 50 concurrent conversations of realistic
 * Chinese WeChat messages across the services, then the same for /api/messages. Prints turns/s, p50/p99 and
 * the ratio to the echo; then RSS with 10,000 conversations in state and the start-up time.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = 50;
const ROOT = join(__dirname, '..', '..');
const METRICS_TOKEN = 'bench-metrics-token-000000';
const MESSAGES = [
  '你好', '查违章', '我的车有没有违章', '查一下苏A12345的违章', '我还有几分', '驾照还剩几分', '预约科目二', '帮我约明天的科目一',
  '我想选个车牌', '查已选号牌', '交罚款', '缴纳决定书320100123456789', '科目三怎么预约', '取消考试预约', '谢谢', '1', '2', '帮助',
];

function start(script: string, env: NodeJS.ProcessEnv): { child: ChildProcess; firstLine: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = new Promise<string>((resolve) => {
    let buf = '';
    child.stdout?.on('data', (c: Buffer) => {
      buf += c.toString('utf8');
      if (buf.includes('\n')) resolve(buf.split('\n')[0]);
    });
  });
  return { child, firstLine };
}

async function waitReady(url: string): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    try {
      if ((await fetch(url)).ok) return Date.now() - t0;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 25));
  }
}

function signedQuery(): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const signature = createHash('sha1').update([SANDBOX_WECHAT.token, timestamp, nonce].sort().join('')).digest('hex');
  return `signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
}

let msgId = 8_000_000_000_000_000_000n;
function wechatBody(openid: string, text: string): string {
  msgId += 1n;
  return `<xml><ToUserName><![CDATA[gh_jiaoguan_sandbox]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${msgId}</MsgId></xml>`;
}

const pick = <T>(a: readonly T[]): T => a[Math.floor(Math.random() * a.length)];
const fmt = (n: number, d = 0): string => n.toFixed(d);

async function rss(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  return Number(/^jiaoguan_process_resident_memory_bytes (\d+)/m.exec(text)?.[1] ?? 0) / 1024 / 1024;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-bench-'));
  const echo = start('bot/bench/echoServer.ts', { PORT: '0' });
  const echoPort = Number(await echo.firstLine);
  const botPort = 3900 + Math.floor(Math.random() * 90);
  const t0 = Date.now();
  const bot = start('bot/index.ts', {
    PORT: String(botPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn', SANDBOX_TODAY: '2026-11-25', WECHAT_RATE_PER_MINUTE: '1000000', METRICS_TOKEN,
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

    let conversation = 0;
    const wechat = await autocannon({
      url: base, connections: CONNECTIONS, duration: SECONDS, timeout: 10,
      requests: [{
        method: 'POST', headers: { 'content-type': 'text/xml' },
        setupRequest: (req) => {
          conversation = (conversation + 1) % CONNECTIONS;
          return { ...req, path: `/api/wechat?${signedQuery()}`, body: wechatBody(`o_bench_${conversation}`, pick(MESSAGES)) };
        },
      }],
    });
    rows.push(['POST /api/wechat (WeChat turn)', fmt(wechat.requests.average), fmt(wechat.latency.p50), fmt(wechat.latency.p99),
      fmt(wechat.requests.average / echoRun.requests.average, 3), String(wechat.errors + wechat.non2xx)]);

    let bfConversation = 0;
    const bf = await autocannon({
      url: base, connections: CONNECTIONS, duration: SECONDS, timeout: 10,
      requests: [{
        method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          bfConversation = (bfConversation + 1) % CONNECTIONS;
          return { ...req, body: JSON.stringify({
            type: 'message', id: `m${Math.random()}`, channelId: 'emulator', serviceUrl: `http://127.0.0.1:${echoPort}`, text: pick(MESSAGES),
            from: { id: `u${bfConversation}`, role: 'user' }, recipient: { id: 'bot', role: 'bot' }, conversation: { id: `bench-${bfConversation}` },
          }) };
        },
      }],
    });
    rows.push(['POST /api/messages (Bot Framework turn)', fmt(bf.requests.average), fmt(bf.latency.p50), fmt(bf.latency.p99),
      fmt(bf.requests.average / echoRun.requests.average, 3), String(bf.errors + bf.non2xx)]);

    const before = await rss(base);
    const t1 = Date.now();
    let n = 0;
    const memory = await autocannon({
      url: base, connections: CONNECTIONS, amount: 10_000, timeout: 10,
      requests: [{
        method: 'POST', headers: { 'content-type': 'text/xml' },
        setupRequest: (req) => {
          n += 1;
          return { ...req, path: `/api/wechat?${signedQuery()}`, body: wechatBody(`o_mem_${n}`, pick(['查违章', '预约科目二', '我想选个车牌'])) };
        },
      }],
    });
    const after = await rss(base);

    const header = ['target', 'turns/s', 'p50 ms', 'p99 ms', 'ratio to echo', 'errors'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    process.stdout.write(`\nbench:turns — ${CONNECTIONS} concurrent conversations, ${SECONDS} s each, sandbox platform, SQLite\n\n`);
    process.stdout.write(`${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n\n`);
    process.stdout.write(`start-up to ready (spawn → /readyz 200, trained model present): ${startupMs} ms\n`);
    process.stdout.write(`memory: RSS ${fmt(before)} MB after the load phases, ${fmt(after)} MB after 10,000 more conversations started (${fmt(memory.requests.total)} turns in ${fmt((Date.now() - t1) / 1000, 1)} s, errors ${memory.errors + memory.non2xx})\n`);
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

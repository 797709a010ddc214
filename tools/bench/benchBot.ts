import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { SANDBOX_WECHAT } from '../../bot/config';

/** What the turn benchmarks share: starting processes, signing WeChat messages, reading the bot's memory. */
export const ROOT = join(__dirname, '..', '..');
export const METRICS_TOKEN = 'bench-metrics-token-000000';

/** Realistic Chinese WeChat messages across the services (and the numbered answers citizens give). */
export const MESSAGES = [
  '你好', '查违章', '我的车有没有违章', '查一下苏A12345的违章', '我还有几分', '驾照还剩几分', '预约科目二', '帮我约明天的科目一',
  '我想选个车牌', '查已选号牌', '交罚款', '缴纳决定书320100123456789', '科目三怎么预约', '取消考试预约', '谢谢', '1', '2', '帮助',
];

export function startProcess(script: string, env: NodeJS.ProcessEnv): { child: ChildProcess; firstLine: Promise<string> } {
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

/** Milliseconds until `url` answers 200. */
export async function waitReady(url: string): Promise<number> {
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

let msgId = 8_000_000_000_000_000_000n + BigInt(Date.now()) * 1000n;

/** A signed WeChat text message from `openid`, as WeChat's servers post it. */
export function wechatRequest(req: autocannon.Request, openid: string, text: string): autocannon.Request {
  msgId += 1n;
  const body = `<xml><ToUserName><![CDATA[gh_jiaoguan_sandbox]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${msgId}</MsgId></xml>`;
  return { ...req, path: `/api/wechat?${signedQuery()}`, body };
}

let citizens = 0;
/**
 * One citizen per connection: like a person, it sends its next message once the last is answered.
 * `prefix` names the run's citizens; `fresh` gives every message a new citizen (conversations started).
 */
export function citizenLoad(prefix: string, pick: () => string, fresh = false): Pick<autocannon.Options, 'requests' | 'initialContext'> {
  return {
    initialContext: {},
    requests: [{
      method: 'POST', headers: { 'content-type': 'text/xml' },
      setupRequest: (req, context) => {
        if (fresh || context.openid === undefined) context.openid = `${prefix}_${(citizens += 1)}`;
        return wechatRequest(req, String(context.openid), pick());
      },
    }],
  };
}

export const pickOne = <T>(a: readonly T[]): T => a[Math.floor(Math.random() * a.length)];

export interface Memory { rssMb: number; heapUsedMb: number; heapTotalMb: number }

/** The bot's memory, from its own /metrics (process and V8 heap gauges). */
export async function memoryOf(base: string): Promise<Memory> {
  const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const gauge = (name: string): number => Number(new RegExp(`^jiaoguan_${name} (\\d+)`, 'm').exec(text)?.[1] ?? 0) / 1024 / 1024;
  return { rssMb: gauge('process_resident_memory_bytes'), heapUsedMb: gauge('nodejs_heap_size_used_bytes'), heapTotalMb: gauge('nodejs_heap_size_total_bytes') };
}

/** A markdown table with padded columns. */
export function table(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: readonly string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return `${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n`;
}

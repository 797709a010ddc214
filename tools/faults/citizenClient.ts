import type { FaultCitizen } from './seedCitizens';
import type { BotGate, WeChatWire, WireMessage } from './wechatWire';
import { decide, type Goal, type Outgoing } from './citizenScript';

/** An operation the bot told the citizen was done (the number as the citizen read it). */
export interface Confirmation {
  kind: 'booking' | 'payment';
  id: string;
  openid: string;
  idNumber: string;
  decisionNumber: string;
  at: number;
}

export interface ClientStats {
  /** Messages the citizen sent (distinct MsgIds). */
  messages: number;
  /** Re-posts of a message with the same MsgId after a network error or timeout (WeChat's retries). */
  wechatRetries: number;
  /** Messages answered "success" after which nothing came: the citizen typed them again (new MsgId). */
  silentDrops: number;
  /** Replies the citizen could not act on: the service was asked for again. */
  flowRestarts: number;
  /** Exam flows that ended with "you already have a booking": booked, but the number was never told. */
  untold: number;
}

export interface InFlight {
  text: string;
  msgId: string;
  confirming: boolean;
  /** The service the citizen is in the middle of. */
  goal: Goal;
}

export interface ClientOptions {
  /** How long a citizen waits for a customer-service message after a bare "success" before typing again. */
  silenceMs: number;
  maxMessages: number;
  /** Pause between a reply and the next message, at most (random). */
  thinkMs: number;
  startDelayMs: number;
  goals: readonly Goal[];
  onSend(client: CitizenClient, out: Outgoing): void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const POST_TIMEOUT_MS = 15_000;
/** Posts of one message while the bot is up before the citizen gives up (waiting for a restart does not count). */
const MAX_POSTS = 20;

/**
 * One citizen on WeChat, driven by what the bot answers (so it copes with a bot that lost a step): it starts a
 * service, answers prompts until the service confirms, then the next service. While the bot is down it re-posts
 * the same message (same MsgId and CreateTime: WeChat's retry); a bare "success" with nothing following makes it
 * type the message again, as a person would.
 */
export class CitizenClient {
  readonly stats: ClientStats = { messages: 0, wechatRetries: 0, silentDrops: 0, flowRestarts: 0, untold: 0 };
  readonly confirmations: Confirmation[] = [];
  readonly transcript: string[] = [];
  readonly done: Goal[] = [];
  inFlight: InFlight | undefined;
  /** The message in flight when the bot was killed, and how it was answered after the restart. */
  killed: { msg: InFlight; answer?: 'reply' | 'success' } | undefined;
  stuck: string | undefined;
  private lastCustomId = 0;
  private readonly remaining: Goal[];

  constructor(readonly citizen: FaultCitizen, private readonly wire: WeChatWire, private readonly gate: BotGate, private readonly o: ClientOptions) {
    this.remaining = [...o.goals];
  }

  markKilled(): void {
    if (this.inFlight) this.killed = { msg: this.inFlight };
  }

  async run(): Promise<void> {
    await sleep(this.o.startDelayMs);
    let out: Outgoing = { text: '', confirming: false, restart: true };
    while (this.remaining.length) {
      if (out.restart) out = { text: openingOf(this.remaining[0] ?? 'exam', this.citizen), confirming: false };
      if (out.sms) out = { text: await this.smsCode(), confirming: false };
      if (this.stats.messages >= this.o.maxMessages) {
        this.stuck = `gave up after ${this.stats.messages} messages; goals left: ${this.remaining.join(',')}`;
        break;
      }
      let reply: string;
      try {
        reply = await this.converse(out);
      } catch (e) {
        this.stuck = `"${out.text}" was never answered: ${e instanceof Error ? e.message : String(e)}`;
        break;
      }
      this.record(reply);
      const step = decide(reply, this.remaining, this.citizen);
      if (step.untold) this.stats.untold += 1;
      for (const g of step.completed) {
        this.done.push(g);
        this.remaining.splice(this.remaining.indexOf(g), 1);
      }
      if (step.waitMs) await sleep(step.waitMs);
      if (step.next) out = step.next;
      else if (step.completed.length || step.restart) out = { text: '', confirming: false, restart: true };
      else if (reply === '') this.stats.silentDrops += 1; // nothing came: the same text again, with a new MsgId
      else {
        this.stats.flowRestarts += 1;
        out = { text: '', confirming: false, restart: true };
      }
      await sleep(Math.random() * this.o.thinkMs);
    }
    this.record(await this.drainCustom());
  }

  /** Reads late customer-service messages once more (after the bot went idle) for confirmations. */
  async finalDrain(): Promise<void> {
    this.record(await this.drainCustom());
  }

  private async smsCode(): Promise<string> {
    for (;;) {
      await this.gate.waitUp();
      try {
        return await this.wire.smsCode(this.citizen.phone);
      } catch {
        await sleep(300);
      }
    }
  }

  /** Sends one message (WeChat retries included) and collects the answer: passive reply plus customer-service messages. */
  private async converse(out: Outgoing): Promise<string> {
    const m: WireMessage = { openid: this.citizen.openid, content: out.text, msgId: this.wire.newMsgId(), createTime: Math.floor(Date.now() / 1000) };
    this.stats.messages += 1;
    this.inFlight = { text: out.text, msgId: m.msgId, confirming: out.confirming, goal: this.remaining[0] ?? 'exam' };
    this.o.onSend(this, out);
    this.log(`> ${out.text}`);
    let passive = '';
    for (let failures = 0; ; failures += 1) {
      await this.gate.waitUp();
      try {
        const r = await this.wire.post(m, POST_TIMEOUT_MS);
        if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
        passive = r.text;
        break;
      } catch (e) {
        if (failures >= MAX_POSTS) throw e;
        this.stats.wechatRetries += 1;
        await sleep(this.gate.isUp ? 300 : 0);
      }
    }
    this.inFlight = undefined;
    if (this.killed && this.killed.msg.msgId === m.msgId) this.killed.answer = passive ? 'reply' : 'success';
    let text = passive + (await this.drainCustom());
    // A bare "success": the turn went over the passive budget (or its process died); wait for customer-service messages.
    const deadline = Date.now() + (passive ? 1500 : this.o.silenceMs);
    while (!decide(text, this.remaining, this.citizen).actionable && Date.now() < deadline) {
      await sleep(200);
      text += await this.drainCustom();
    }
    this.log(`< ${text.replace(/\n/g, ' / ').slice(0, 200) || '(success, nothing followed)'}`);
    return text;
  }

  private async drainCustom(): Promise<string> {
    try {
      await this.gate.waitUp();
      const got = await this.wire.customMessages(this.citizen.openid, this.lastCustomId);
      for (const g of got) this.lastCustomId = Math.max(this.lastCustomId, g.id);
      return got.map((g) => `\n${g.text}`).join('');
    } catch {
      return '';
    }
  }

  /** Every booking number and payment number the citizen was shown. */
  private record(text: string): void {
    const seen = (id: string): boolean => this.confirmations.some((c) => c.id === id);
    const base = { openid: this.citizen.openid, idNumber: this.citizen.idNumber, at: Date.now() };
    for (const m of text.matchAll(/预约编号：(EB\d+)/g)) {
      const id = m[1] ?? '';
      if (!seen(id)) this.confirmations.push({ kind: 'booking', id, decisionNumber: '', ...base });
    }
    for (const m of text.matchAll(/决定书(?:编号：)?(\d{15,16})[\s\S]*?支付单号：?(PAY\d+)/g)) {
      const id = m[2] ?? '';
      if (!seen(id)) this.confirmations.push({ kind: 'payment', id, decisionNumber: m[1] ?? '', ...base });
    }
  }

  private log(line: string): void {
    this.transcript.push(line);
    if (this.transcript.length > 40) this.transcript.shift();
  }
}

export function openingOf(goal: Goal, c: FaultCitizen): string {
  return goal === 'exam' ? '帮我约科目二' : `交罚款 决定书${c.decisionNumber}`;
}

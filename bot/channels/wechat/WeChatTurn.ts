import type { Activity, TurnContext } from 'botbuilder';
import type { CustomMessage } from '../../../integrations/wechat/types';
import { storageFaultOf } from '../../../integrations/storage/storageFaultOf';
import { localeOf } from '../../../dialogs/i18n/turnLocale';
import { DEFAULT_LOCALE } from '../../../dialogs/i18n/Locale';
import type { Logger } from '../../logger';
import { replacesTurnReplies } from '../../replacesTurnReplies';
import { TurnRecords, type TurnRecord } from '../../TurnRecords';
import type { BackgroundWork } from './BackgroundWork';
import type { WeChatInbound } from './inbound';
import type { NumberedOptions } from './NumberedOptions';
import { renderReplies, type RenderedReplies } from './renderReplies';
import { toActivity } from './toActivity';
import type { TurnReplies, WeChatAdapter } from './WeChatAdapter';

/** How the HTTP request that carried the message is answered: a passive reply (its XML, as recorded for retries), or "success". */
export type WeChatAnswer = { readonly kind: 'passive'; readonly xml: string } | { readonly kind: 'success' };

/**
 * The HTTP side of one message, handed in with it by the webhook (as Rasa hands an output channel in with the
 * message). Customer-service messages are the turn's own business.
 */
export interface WeChatReplyChannel {
  /**
   * Answers the request with `message` as the passive reply ("success" when there is none) and records it with the
   * message, so its retries get the same. "success" when the request can no longer carry it (a retry was told
   * "success" meanwhile): then the message must go by customer-service message.
   */
  passive(message: CustomMessage | undefined): Promise<WeChatAnswer>;
  /** Gives the passive reply up (the turn is over budget): the request and its retries are answered "success". */
  defer(): Promise<void>;
}

export interface WeChatTurnDeps {
  adapter: WeChatAdapter;
  /** The bot's turn logic (bot.run). */
  logic: (ctx: TurnContext) => Promise<void>;
  options: NumberedOptions;
  /** The turns' answers saved with the conversation state (bot.turns). */
  records: TurnRecords;
  /** The text a custom-menu key stands for (undefined: not a menu key of ours). */
  menuText: (key: string) => string | undefined;
  /** How long a turn may take and still be answered passively (WeChat waits 5 s). */
  budgetMs: number;
  background: BackgroundWork;
  logger: Logger;
}

/** A WeChat turn's answer as saved with the conversation state: the messages as rendered, the numbered options shown. */
interface WeChatTurnRecord extends TurnRecord {
  readonly messages: CustomMessage[];
  readonly options: string[];
}

const SUCCESS: WeChatAnswer = { kind: 'success' };

/**
 * One WeChat message's turn, from the number typed to the last customer-service message: it maps a bare number to
 * the option shown, runs the turn, gathers its replies, races the reply budget (in time: the passive reply, the rest
 * by customer-service message; late: "success", then everything by customer-service message, once), renders
 * replies into WeChat messages, remembers the numbered options shown and replays the answer a stopped process
 * saved. The only place the channel renders replies or touches the numbered options (proactive sends included).
 */
export class WeChatTurn implements TurnReplies {
  private readonly openid: string;
  private readonly gathered: Partial<Activity>[] = [];
  private direct = false;
  private queue: Promise<void> = Promise.resolve();
  /** The numbered options of the replies already sent by customer-service message. */
  private shown: string[] | undefined;
  /** A reply replaced the turn's replies (the storage apology): the turn's state was not saved, nor are its options. */
  private replaced = false;
  private ctx: TurnContext | undefined;

  constructor(
    private readonly d: WeChatTurnDeps,
    private readonly inbound: WeChatInbound,
    /** The message's de-duplication key: the saved answer names it. */
    private readonly key: string,
    private readonly channel: WeChatReplyChannel,
  ) {
    this.openid = inbound.openid;
  }

  /** Where a proactive turn's replies go (an agent's message): rendered and sent at once, options remembered. */
  static proactive(d: WeChatTurnDeps, ctx: TurnContext): TurnReplies {
    return {
      add: async (activities) => {
        const openid = ctx.activity.conversation?.id ?? '';
        const rendered = renderReplies(activities, localeOf(ctx));
        await d.adapter.sendAll(openid, rendered.messages);
        if (rendered.options.length) await d.options.save(openid, rendered.options);
      },
    };
  }

  /**
   * A message reclaimed from a process that stopped mid-turn: when that turn got as far as saving its state, its
   * answer was saved with it and is sent now. Undefined when nothing of it was saved: run it again.
   */
  async replay(): Promise<WeChatAnswer | undefined> {
    const saved = await this.d.records.find<WeChatTurnRecord>(this.d.adapter.contextFor(this.activity()), this.key);
    if (!saved) {
      this.d.logger.warn({ channel: 'wechat' }, 'WeChat message left unfinished by a stopped process; running it again');
      return undefined;
    }
    this.d.logger.warn({ channel: 'wechat' }, 'WeChat message answered by a stopped process after saving its turn; sending the saved answer');
    await this.remember(saved.options);
    return this.answer(saved.messages);
  }

  /** Runs the turn and answers within the budget: the passive reply, or "success" and customer-service messages. */
  async run(): Promise<WeChatAnswer> {
    const activity = this.activity();
    const previous = await this.d.options.load(this.openid);
    const picked = /^\s*(\d{1,2})\s*$/.exec(activity.text ?? '');
    const option = picked ? previous[Number(picked[1]) - 1] : undefined;
    if (option !== undefined) activity.text = option;

    const ctx = this.d.adapter.contextFor(activity);
    this.ctx = ctx;
    // The turn's answer is saved with its state (JiaoguanBot.run), in the same write: see replay().
    TurnRecords.recordWith(ctx, (): WeChatTurnRecord => ({ key: this.key, ...this.render(this.gathered) }));
    const finished = this.d.adapter.runTurn(ctx, this, this.d.logic).then(() => true, (err: unknown) => {
      this.d.logger.error({ err, channel: 'wechat' }, 'WeChat turn failed');
      return true;
    });
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([finished, new Promise<false>((r) => { timer = setTimeout(() => r(false), this.d.budgetMs); })]);
    clearTimeout(timer);

    if (inTime) {
      const rendered = this.render(this.gathered.splice(0));
      await this.rememberChanged(previous, rendered.options);
      return this.answer(rendered.messages);
    }
    // Over budget: answer now, deliver the rest by customer-service message as the turn goes on and when it ends.
    await this.channel.defer();
    this.d.logger.info({ channel: 'wechat', budgetMs: this.d.budgetMs }, 'WeChat turn over the passive-reply budget; replying by customer-service message');
    this.d.background.track((async () => {
      await this.goDirect();
      await finished;
      await this.goDirect();
      await this.rememberChanged(previous, this.shown ?? []);
    })());
    return SUCCESS;
  }

  /** The turn's replies (through the adapter): gathered for the passive reply, or sent at once once late. */
  async add(activities: Partial<Activity>[]): Promise<void> {
    // The storage apology: the replies gathered so far describe a step that was not saved.
    if (activities.some(replacesTurnReplies)) {
      this.gathered.length = 0;
      this.replaced = true;
    }
    this.gathered.push(...activities);
    if (this.direct) this.flush();
  }

  private activity(): Partial<Activity> {
    return toActivity(this.inbound, this.d.menuText);
  }

  /** The finished turn's messages: the first as the passive reply, the rest (or all, when it cannot be) by customer-service message. */
  private async answer(messages: readonly CustomMessage[]): Promise<WeChatAnswer> {
    const [first, ...rest] = messages;
    const answer = await this.channel.passive(first);
    const later = answer.kind === 'passive' ? rest : messages;
    if (later.length) this.d.background.track(this.d.adapter.sendAll(this.openid, later));
    return answer;
  }

  /** From now on replies go by customer-service message; resolves when what was gathered is sent. */
  private goDirect(): Promise<void> {
    this.direct = true;
    this.flush();
    return this.queue;
  }

  private flush(): void {
    const batch = this.gathered.splice(0);
    if (!batch.length) return;
    const rendered = this.render(batch);
    if (rendered.options.length) this.shown = rendered.options;
    this.queue = this.queue.then(() => this.d.adapter.sendAll(this.openid, rendered.messages));
  }

  private render(activities: readonly Partial<Activity>[]): RenderedReplies {
    return renderReplies(activities, this.ctx ? localeOf(this.ctx) : DEFAULT_LOCALE);
  }

  /** Remembers the options this turn showed, unless the storage apology replaced its replies or nothing changed. */
  private async rememberChanged(previous: readonly string[], shown: string[]): Promise<void> {
    if (this.replaced || shown.join('\u0000') === previous.join('\u0000')) return;
    await this.remember(shown);
  }

  /** Not worth losing the replies over: a number then reaches the dialog as typed. */
  private async remember(options: string[]): Promise<void> {
    await this.d.options.save(this.openid, options).catch((err: unknown) => {
      this.d.logger.warn({ err, channel: 'wechat', code: storageFaultOf(err)?.code }, 'could not remember the numbered options shown');
    });
  }
}

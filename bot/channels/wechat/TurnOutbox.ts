import type { Activity } from 'botbuilder';
import type { Locale } from '../../../dialogs/i18n/Locale';
import type { CustomMessage } from '../../../integrations/wechat/types';
import { replacesTurnReplies } from '../../replacesTurnReplies';
import { renderReplies } from './renderReplies';

/**
 * Where the replies of one WeChat turn go: gathered for the passive answer while the HTTP request is open,
 * then (once the webhook gave up waiting) straight to the customer-service API, in order.
 */
export class TurnOutbox {
  private readonly gathered: Partial<Activity>[] = [];
  private direct = false;
  private queue: Promise<void> = Promise.resolve();
  /** The numbered options of the replies already sent directly. */
  shownOptions: string[] | undefined;
  /** A reply replaced the turn's replies (the storage apology): the turn's state was not saved, nor are its options. */
  replaced = false;

  constructor(
    private readonly deliver: (messages: CustomMessage[]) => Promise<void>,
    readonly locale: () => Locale,
  ) {}

  add(activities: Partial<Activity>[]): void {
    // The storage apology: the replies gathered so far describe a step that was not saved.
    if (activities.some(replacesTurnReplies)) {
      this.gathered.length = 0;
      this.replaced = true;
    }
    this.gathered.push(...activities);
    if (this.direct) this.flush();
  }

  /** What was gathered so far, left in place (the turn's answer as it is saved with the state). */
  peek(): Partial<Activity>[] {
    return [...this.gathered];
  }

  /** Takes what was gathered so far (for the passive answer). */
  take(): Partial<Activity>[] {
    return this.gathered.splice(0);
  }

  /** From now on replies go through the customer-service API; resolves when what was gathered is sent. */
  goDirect(): Promise<void> {
    this.direct = true;
    this.flush();
    return this.queue;
  }

  /** Resolves when everything handed to the customer-service API so far went out. */
  settled(): Promise<void> {
    return this.queue;
  }

  private flush(): void {
    const batch = this.gathered.splice(0);
    if (!batch.length) return;
    const rendered = renderReplies(batch, this.locale());
    if (rendered.options.length) this.shownOptions = rendered.options;
    this.queue = this.queue.then(() => this.deliver(rendered.messages));
  }
}

import type { Logger } from '../../logger';

/**
 * Work of the WeChat channel still running after its HTTP answer: a late turn delivering by customer-service
 * message, the messages after the passive reply. Counted (so a stopping server waits for it) and never lost to
 * an unhandled rejection.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  track(work: Promise<void>): void {
    const tracked = work.catch((err: unknown) => {
      this.logger.error({ err, channel: 'wechat' }, 'WeChat background delivery failed');
    }).finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  /** How many are still running. */
  pending(): number {
    return this.running.size;
  }

  /** Resolves when all have finished, including any they started. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }
}

import { EventEmitter } from 'node:events';
import type { HandoffEvent, HandoffStore } from '../../integrations/storage/handoffs';
import type { Logger } from '../logger';

/**
 * Handoff events for live consoles, in store order. Events this process writes are pumped at once; events
 * other processes write are picked up by polling the store (SQLite has no change notifications; the
 * MongoDB adapter can use change streams). Listeners see every event exactly once, in id order.
 */
export class HandoffFeed {
  private readonly emitter = new EventEmitter();
  private last = 0;
  private ready: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> = Promise.resolve();

  constructor(private readonly store: HandoffStore, private readonly logger: Logger, private readonly pollMs = 1000) {
    this.emitter.setMaxListeners(0);
  }

  /** Starts after the newest event in the store and polls for other processes' events. */
  start(): Promise<void> {
    if (!this.ready) {
      this.ready = this.store.lastEventId().then((id) => { this.last = id; });
      this.timer = setInterval(() => void this.pump(), this.pollMs);
      this.timer.unref();
    }
    return this.ready;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  subscribe(listener: (e: HandoffEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** Reads and emits the events written since the last pump (serialised, so order is kept). */
  pump(): Promise<void> {
    this.pumping = this.pumping.then(async () => {
      if (!this.ready) return;
      try {
        await this.ready;
        for (;;) {
          const batch = await this.store.eventsAfter(this.last, 200);
          for (const e of batch) {
            this.last = e.id;
            this.emitter.emit('event', e);
          }
          if (batch.length < 200) return;
        }
      } catch (err) {
        this.logger.warn({ err }, 'reading handoff events failed; retrying at the next poll');
      }
    });
    return this.pumping;
  }
}

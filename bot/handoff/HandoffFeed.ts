import { EventEmitter } from 'node:events';
import type { HandoffEvent, HandoffStore } from '../../integrations/storage/handoffs';
import type { Logger } from '../logger';

const LOOKBACK = 50;

/**
 * Handoff events for live consoles, in store order. Events this process writes are pumped at once; events
 * other processes write are picked up by polling the store (SQLite has no change notifications; the
 * MongoDB adapter can use change streams). Listeners see every event exactly once, in id order.
 */
export class HandoffFeed {
  private readonly emitter = new EventEmitter();
  private last = 0;
  /** Ids emitted recently: the pump re-reads a window behind `last` (see pump) and must not emit twice. */
  private readonly emitted = new Set<number>();
  private ready: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> = Promise.resolve();

  constructor(private readonly store: HandoffStore, private readonly logger: Logger, private readonly pollMs = 1000) {
    this.emitter.setMaxListeners(0);
  }

  /** Starts after the newest event in the store and polls for other processes' events. */
  start(): Promise<void> {
    if (!this.ready) {
      this.ready = this.store.lastEventId().then((id) => {
        this.last = id;
        // Events up to the start are history, not news: mark the look-back window as seen.
        for (let i = Math.max(1, id - LOOKBACK + 1); i <= id; i += 1) this.emitted.add(i);
      });
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
        // Ids are handed out before the insert commits, so with several processes (or a connection pool)
        // id N+1 can become readable before N. Re-reading a window behind the newest id catches N late.
        let from = Math.max(0, this.last - LOOKBACK);
        for (;;) {
          const batch = await this.store.eventsAfter(from, 200);
          for (const e of batch) {
            if (this.emitted.has(e.id) || e.id <= this.last - LOOKBACK) continue;
            this.emitted.add(e.id);
            this.last = Math.max(this.last, e.id);
            this.emitter.emit('event', e);
          }
          if (batch.length < 200) break;
          from = batch[batch.length - 1].id;
        }
        for (const id of this.emitted) if (id <= this.last - LOOKBACK) this.emitted.delete(id);
      } catch (err) {
        this.logger.warn({ err }, 'reading handoff events failed; retrying at the next poll');
      }
    });
    return this.pumping;
  }
}

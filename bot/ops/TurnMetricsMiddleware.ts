import type { Middleware, TurnContext } from 'botbuilder';
import type { Metrics } from './Metrics';

/** Measures every turn, by channel. */
export class TurnMetricsMiddleware implements Middleware {
  constructor(private readonly metrics: Metrics) {}

  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    const end = this.metrics.turnSeconds.startTimer({ channel: ctx.activity.channelId ?? 'unknown' });
    try {
      await next();
    } finally {
      end();
    }
  }
}

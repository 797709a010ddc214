import type { TurnContext } from 'botbuilder';
import { PlatformError } from '../../integrations/platform/errors';
import { localeOf } from '../i18n/turnLocale';
import { describePlatformError } from './describePlatformError';
import { hintHandoff } from '../handoff/handoffHint';

export type PlatformOutcome<T> = { ok: true; value: T } | { ok: false; error: PlatformError };

/**
 * Calls a platform port and turns a PlatformError into a plain-language reply (sent to the citizen) and
 * a failed outcome the dialog can branch on. Other errors propagate to onTurnError.
 */
export async function runPlatform<T>(ctx: TurnContext, call: () => Promise<T>): Promise<PlatformOutcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (e) {
    if (!(e instanceof PlatformError)) throw e;
    await ctx.sendActivity(describePlatformError(localeOf(ctx), e));
    if (e.code === 'NOT_SIMPLE_PROCEDURE') hintHandoff(ctx, 'rule');
    else if (e.retryable || e.code === 'INTERNAL') hintHandoff(ctx, 'platform_failure');
    return { ok: false, error: e };
  }
}

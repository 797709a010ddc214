import type { TurnContext } from 'botbuilder';
import { PlatformError } from '../../../integrations/platform/errors';
import { localeOf, msg } from '../../i18n/turnLocale';
import { describePlatformError } from '../../shared/describePlatformError';
import type { PlatformOutcome } from '../../shared/runPlatform';
import { vinTail } from './PlateSelectState';

/**
 * runPlatform for the plate flows: a PlatformError becomes a reply, except that "no such vehicle" is said in
 * the words of plate selection (the vehicle is looked up by VIN and owner here, not by plate).
 */
export async function callPlates<T>(ctx: TurnContext, vin: string | undefined, call: () => Promise<T>): Promise<PlatformOutcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (e) {
    if (!(e instanceof PlatformError)) throw e;
    const text = e.code === 'NOT_FOUND' ? msg(ctx, 'plate.vehicleNotFound', { vinTail: vinTail(vin) }) : describePlatformError(localeOf(ctx), e);
    await ctx.sendActivity(text);
    return { ok: false, error: e };
  }
}

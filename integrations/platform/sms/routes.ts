import type { Routes } from '../sandbox/routeKit';
import { routeKit as k } from '../sandbox/routeKit';
import type { SmsPort } from './types';

/** The SMS port's side of the HTTP contract (./openapi.json), served by the sandbox gateway. */
export function smsRoutes(routes: Routes, sms: SmsPort): void {
  routes.post('/v1/sms/outbox-lookups', async (req) => k.items(await sms.outbox(k.str(k.fields(req.body), 'phone'))));
}

import type { GatewayCall } from '../http/GatewayCall';
import type { SmsMessage, SmsPort } from './types';

/** The SMS port over the HTTP contract (./openapi.json). */
export function smsHttp(call: GatewayCall): SmsPort {
  return {
    outbox: async (phone) => (await call<{ items: SmsMessage[] }>('POST', '/v1/sms/outbox-lookups', { body: { phone } })).items,
  };
}

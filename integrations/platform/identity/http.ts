import { PlatformError } from '../errors';
import type { GatewayCall } from '../http/GatewayCall';
import type { Binding, BindingChallenge, IdentityPort } from './types';

/** The identity port over the HTTP contract (./openapi.json). */
export function identityHttp(call: GatewayCall): IdentityPort {
  const seg = encodeURIComponent;
  return {
    startBinding: (channelUserId, idNumber, name) =>
      call<BindingChallenge>('POST', '/v1/identity/binding-challenges', { body: { channelUserId, idNumber, name } }),
    confirmBinding: (channelUserId, idNumber, code) =>
      call<Binding>('POST', '/v1/identity/bindings', { body: { channelUserId, idNumber, code } }),
    requireBinding: (channelUserId) => call<Binding>('GET', `/v1/identity/bindings/${seg(channelUserId)}`),
    getBinding: async (channelUserId) => {
      try {
        return await call<Binding>('GET', `/v1/identity/bindings/${seg(channelUserId)}`);
      } catch (err) {
        if (PlatformError.is(err, 'NOT_BOUND')) return null;
        throw err;
      }
    },
    unbind: async (channelUserId) => {
      try {
        return await call<Binding>('POST', `/v1/identity/bindings/${seg(channelUserId)}/unbind`);
      } catch (err) {
        if (PlatformError.is(err, 'NOT_BOUND')) return null;
        throw err;
      }
    },
    // The ID number travels in the X-Citizen-Id header, never in the URL.
    boundUsers: async (idNumber) =>
      (await call<{ items: string[] }>('GET', '/v1/identity/bound-users', { citizen: idNumber })).items,
  };
}

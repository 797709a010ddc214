import type { GatewayCall } from '../http/GatewayCall';
import type { EventPage, EventsPort } from './types';

/** The events port over the HTTP contract (./openapi.json). The cursor carries no personal data, so it may be in the URL. */
export function eventsHttp(call: GatewayCall): EventsPort {
  return {
    since: (cursor, limit) => call<EventPage>('GET', '/v1/events', { query: { limit, ...(cursor !== undefined ? { cursor } : {}) } }),
  };
}

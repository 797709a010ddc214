import type { Routes } from '../sandbox/routeKit';
import { routeKit as k } from '../sandbox/routeKit';
import type { EventsPort } from './types';

/** The events port's side of the HTTP contract (./openapi.json), served by the sandbox. */
export function eventsRoutes(routes: Routes, events: EventsPort): void {
  routes.get('/v1/events', async (req) => {
    const q = k.fields(req.query);
    const cursor = q['cursor'] === undefined ? undefined : k.str(q, 'cursor');
    return k.ok(await events.since(cursor, k.num(q, 'limit')));
  });
}

import { PlatformError } from '../errors';
import type { Routes } from '../sandbox/routeKit';
import { routeKit as k } from '../sandbox/routeKit';
import type { IdentityPort } from './types';

/** The identity port's side of the HTTP contract (./openapi.json), served by the sandbox. */
export function identityRoutes(routes: Routes, identity: IdentityPort): void {
  routes.post('/v1/identity/binding-challenges', async (req) => {
    const b = k.fields(req.body);
    return k.ok(await identity.startBinding(k.str(b, 'channelUserId'), k.str(b, 'idNumber'), k.str(b, 'name')), 201);
  });
  routes.post('/v1/identity/bindings', async (req) => {
    const b = k.fields(req.body);
    return k.ok(await identity.confirmBinding(k.str(b, 'channelUserId'), k.str(b, 'idNumber'), k.str(b, 'code')), 201);
  });
  routes.get('/v1/identity/bindings/:channelUserId', async (req) =>
    k.ok(await identity.requireBinding(k.param(req, 'channelUserId'))));
  routes.post('/v1/identity/bindings/:channelUserId/unbind', async (req) => {
    const removed = await identity.unbind(k.param(req, 'channelUserId'));
    if (!removed) throw new PlatformError('NOT_BOUND', 'channel user has no bound identity');
    return k.ok(removed);
  });
  routes.get('/v1/identity/bound-users', async (req) => k.items(await identity.boundUsers(k.citizen(req))));
}

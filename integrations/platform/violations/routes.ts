import type { Routes } from '../sandbox/routeKit';
import { routeKit as k } from '../sandbox/routeKit';
import type { ViolationsPort } from './types';

/** The violations port's side of the HTTP contract (./openapi.json), served by the sandbox. */
export function violationsRoutes(routes: Routes, violations: ViolationsPort): void {
  routes.post('/v1/violations/lookups', async (req) => {
    const b = k.fields(req.body);
    if (b['idNumber'] !== undefined) return k.items(await violations.byOwner(k.str(b, 'idNumber')));
    return k.items(await violations.byPlate(k.str(b, 'plate'), k.str(b, 'vinLast6')));
  });
  routes.post('/v1/violations/:violationId/handle', async (req) =>
    k.ok(await violations.handle(k.citizen(req), k.param(req, 'violationId'), k.idempotencyKey(req)), 201));
  routes.get('/v1/decisions/:decisionNumber', async (req) => k.ok(await violations.decision(k.param(req, 'decisionNumber'))));
  routes.post('/v1/decisions/:decisionNumber/payments', async (req) => {
    const b = k.fields(req.body);
    return k.ok(await violations.pay(k.param(req, 'decisionNumber'), k.num(b, 'amountFen'), k.idempotencyKey(req)), 201);
  });
  routes.get('/v1/points', async (req) => k.ok(await violations.points(k.citizen(req))));
  routes.get('/v1/licence', async (req) => k.ok(await violations.licence(k.citizen(req))));
}

import { PlatformError } from '../errors';
import type { Routes } from '../sandbox/routeKit';
import { routeKit as k } from '../sandbox/routeKit';
import type { NewEnergyKind, PlateQuery, PlatesPort } from './types';

/** The plates port's side of the HTTP contract (./openapi.json), served by the sandbox. */
export function platesRoutes(routes: Routes, plates: PlatesPort): void {
  routes.post('/v1/plates/rounds', async (req) => {
    const b = k.fields(req.body);
    const kind = b['newEnergyKind'] === undefined || b['newEnergyKind'] === null ? undefined : (k.str(b, 'newEnergyKind') as NewEnergyKind);
    return k.ok(await plates.startRandomRound(k.citizen(req), k.str(b, 'vin'), kind), 201);
  });
  routes.post('/v1/plates/pattern-checks', async (req) => {
    const b = k.fields(req.body);
    const patterns = b['patterns'];
    if (!Array.isArray(patterns) || !patterns.every((p): p is string => typeof p === 'string')) {
      throw new PlatformError('INVALID_ARGUMENT', 'invalid patterns: array of strings', { field: 'patterns', rule: 'string[]' });
    }
    return k.ok(await plates.checkPatterns(k.citizen(req), k.str(b, 'vin'), patterns));
  });
  routes.post('/v1/plates/reservations', async (req) => {
    const b = k.fields(req.body);
    return k.ok(await plates.reserve(k.citizen(req), k.str(b, 'vin'), k.str(b, 'plate'), k.idempotencyKey(req)), 201);
  });
  routes.post('/v1/plates/reservation-lookups', async (req) => {
    const b = k.fields(req.body);
    const query: PlateQuery = b['vin'] !== undefined ? { vin: k.str(b, 'vin') } : { idNumber: k.str(b, 'idNumber') };
    return k.items(await plates.reservedPlate(query));
  });
  routes.get('/v1/vehicles', async (req) => k.items(await plates.vehicles(k.citizen(req))));
}

import type { GatewayCall } from '../http/GatewayCall';
import type { NewEnergyKind, OwnedVehicle, PatternResult, PlateQuery, PlateReservation, PlateRound, PlatesPort } from './types';

/** The plates port over the HTTP contract (./openapi.json). */
export function platesHttp(call: GatewayCall): PlatesPort {
  return {
    startRandomRound: (idNumber: string, vin: string, newEnergyKind?: NewEnergyKind) =>
      call<PlateRound>('POST', '/v1/plates/rounds', { citizen: idNumber, body: { vin, newEnergyKind } }),
    checkPatterns: (idNumber, vin, patterns) =>
      call<PatternResult>('POST', '/v1/plates/pattern-checks', { citizen: idNumber, body: { vin, patterns } }),
    reserve: (idNumber, vin, plate, idempotencyKey) =>
      call<PlateReservation>('POST', '/v1/plates/reservations', { citizen: idNumber, idempotencyKey, body: { vin, plate } }),
    reservedPlate: async (query: PlateQuery) =>
      (await call<{ items: PlateReservation[] }>('POST', '/v1/plates/reservation-lookups', { body: query })).items,
    vehicles: async (idNumber: string) => (await call<{ items: OwnedVehicle[] }>('GET', '/v1/vehicles', { citizen: idNumber })).items,
  };
}

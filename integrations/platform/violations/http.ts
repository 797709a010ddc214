import type { GatewayCall } from '../http/GatewayCall';
import type { DriverLicence, Payment, PenaltyDecision, PointsStatement, Violation, ViolationsPort } from './types';

/** The violations port over the HTTP contract (./openapi.json). */
export function violationsHttp(call: GatewayCall): ViolationsPort {
  const seg = encodeURIComponent;
  return {
    byPlate: async (plate, vinLast6) =>
      (await call<{ items: Violation[] }>('POST', '/v1/violations/lookups', { body: { plate, vinLast6 } })).items,
    byOwner: async (idNumber) =>
      (await call<{ items: Violation[] }>('POST', '/v1/violations/lookups', { body: { idNumber } })).items,
    handle: (idNumber, violationId, idempotencyKey) =>
      call<PenaltyDecision>('POST', `/v1/violations/${seg(violationId)}/handle`, { citizen: idNumber, idempotencyKey }),
    decision: (decisionNumber) => call<PenaltyDecision>('GET', `/v1/decisions/${seg(decisionNumber)}`),
    pay: (decisionNumber, amountFen, idempotencyKey) =>
      call<Payment>('POST', `/v1/decisions/${seg(decisionNumber)}/payments`, { idempotencyKey, body: { amountFen } }),
    points: (idNumber) => call<PointsStatement>('GET', '/v1/points', { citizen: idNumber }),
    licence: (idNumber) => call<DriverLicence>('GET', '/v1/licence', { citizen: idNumber }),
  };
}

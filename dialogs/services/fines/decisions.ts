import { PlatformError } from '../../../integrations/platform/errors';
import type { PenaltyDecision, TrafficPlatform, Violation } from '../../../integrations/platform/types';

/**
 * The penalty decisions of the handled violations, by decision number (as of today: late days, late fee, amount
 * due). A decision the platform cannot give now is left out: the list stays useful without its payment state.
 */
export async function decisionsOf(platform: TrafficPlatform, violations: readonly Violation[]): Promise<Map<string, PenaltyDecision>> {
  const numbers = [...new Set(violations.flatMap((v) => (v.decisionNumber ? [v.decisionNumber] : [])))];
  const found = await Promise.all(numbers.map(async (dn) => {
    try {
      return await platform.violations.decision(dn);
    } catch (e) {
      if (e instanceof PlatformError) return null;
      throw e;
    }
  }));
  return new Map(found.filter((d): d is PenaltyDecision => d !== null).map((d) => [d.decisionNumber, d]));
}

import type { Fixture } from '../runMatrix';

/**
 * The points flow asks no question of its own (dialogs/services/points/prompts.ts declares none: it answers at
 * once; binding's questions are covered by the account matrix), so there is nothing to reach. A question declared
 * there later needs its fixture here.
 */
export const POINTS_REACH: Record<string, Fixture> = {};

import { SERVICE_INDEX } from '../services';

/** The service intents a flow dialog handles (derived from the service index). */
export const SERVICE_INTENTS: readonly string[] = SERVICE_INDEX.names;

/** A service intent's name (any module's: the index decides which exist). */
export type ServiceIntent = string;

export function isServiceIntent(intent: string): intent is ServiceIntent {
  return SERVICE_INDEX.isServiceIntent(intent);
}

/** The buttons of the main menu: the services citizens use most. */
export const MENU_INTENTS: readonly ServiceIntent[] = SERVICE_INDEX.menuIntents;

/** Intents of the same family do not interrupt each other ("明天" while booking an exam stays in the flow). */
export function intentFamily(intent: string): string {
  return SERVICE_INDEX.family(intent);
}

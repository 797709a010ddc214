import { CORE_INTENTS } from '../../dialogs/main/coreIntents';
import { SERVICE_INDEX } from '../../dialogs/services';
import type { ServiceIndex } from '../../dialogs/services/ServiceIndex';

/**
 * The intents of the understanding contract (DESIGN.md §3): the services' (from their modules) and the core
 * ones MainDialog answers itself. Admins may edit their utterances, never delete them.
 */
export function contractIntents(services: ServiceIndex): string[] {
  return [...services.names, ...CORE_INTENTS.map((c) => c.intent)];
}

/** The contract of the service index (dialogs/services). */
export const CONTRACT_INTENTS: readonly string[] = contractIntents(SERVICE_INDEX);

import { CORE_INTENTS } from '../../dialogs/main/coreIntents';
import { SERVICE_INDEX } from '../../dialogs/services';

/**
 * The intents of the understanding contract (DESIGN.md §3): the services' (from their modules) and the core
 * ones MainDialog answers itself. Admins may edit their utterances, never delete them.
 */
export const CONTRACT_INTENTS: readonly string[] = [...SERVICE_INDEX.names, ...CORE_INTENTS.map((c) => c.intent)];

import { join } from 'node:path';
import type { BotState, Middleware } from 'botbuilder';
import type { Server } from 'restify';
import type { DialogDeps } from '../../dialogs/DialogDeps';
import type { NoticeTopicDefinition } from '../../dialogs/services/notices/NoticeTopic';
import type { ServiceIndex } from '../../dialogs/services/ServiceIndex';
import type { StoreBundle } from '../../integrations/storage/StoreBundle';
import type { AgentAuth } from '../accounts/AgentAuth';
import type { Logger } from '../logger';
import { staticSite } from '../web/staticSite';
import { ConversationFactsMiddleware } from './ConversationFactsMiddleware';
import type { Metrics } from './Metrics';
import { OperationsService } from './OperationsService';
import { operationsRoutes } from './operationsRoutes';
import { declaredQuestions, OpsLabels } from './opsLabels';

const OPS_PAGE_DIR = join(__dirname, '..', 'web', 'ops');

export interface OpsModule {
  /** Records the conversation facts of each citizen message (in the turn middleware, before the handoff's). */
  middleware: Middleware;
  operations: OperationsService;
  /** GET /api/admin/operations(.csv) and the page at /ops/. */
  routes: (server: Server) => void;
}

/**
 * The operations view: conversation facts recorded from the dialog stack of each turn, the figures computed from the
 * store (facts, handoffs, notices), their JSON and CSV for admins, the page, and today's figures on /metrics.
 */
export function opsModule(d: {
  stores: StoreBundle; services: ServiceIndex; deps: DialogDeps; conversationState: BotState; auth: AgentAuth; metrics: Metrics;
  topics: readonly NoticeTopicDefinition[]; now: () => number; logger: Logger;
}): OpsModule {
  const flowService = new Map(Object.entries(d.services.flows(d.deps)).map(([intent, dialog]) => [dialog.id, intent]));
  const prompts = new Set(declaredQuestions(d.services).map((p) => p.id));
  const labels = new OpsLabels(d.services, new Map(d.topics.map((t) => [t.id, t.template.title['zh-CN']])));
  const operations = new OperationsService({ facts: d.stores.facts, handoffs: d.stores.handoffs, notices: d.stores.notices, labels, tasks: d.services.taskConfirmations, now: d.now });
  d.metrics.sampleOperations(async () => {
    const today = operations.today();
    const all = await operations.report({ from: today, to: today, by: 'day' });
    const byChannel = await Promise.all(all.channels.map((c) => operations.report({ from: today, to: today, by: 'day', channel: c.channel })));
    return { all, byChannel };
  });
  let warned = 0;
  return {
    middleware: new ConversationFactsMiddleware({
      facts: d.stores.facts, state: d.conversationState, flowService, tasks: d.services.taskConfirmations, prompts, now: d.now,
      onError: (err) => {
        // A fact not written loses a count, never the citizen's turn; logged at most once a minute.
        if (Date.now() - warned < 60_000) return;
        warned = Date.now();
        d.logger.warn({ err }, 'could not record an operations fact');
      },
    }),
    operations,
    routes: (server) => {
      operationsRoutes({ auth: d.auth, operations })(server);
      staticSite(server, '/ops', OPS_PAGE_DIR);
    },
  };
}

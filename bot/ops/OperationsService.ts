import type { ConversationFacts } from '../../integrations/storage/conversationFacts';
import type { HandoffStore } from '../../integrations/storage/handoffs';
import type { NoticeStore } from '../../integrations/storage/notices';
import { CONVERSATION_GAP_MS, operationsReport, periodOf, rangeOf, type Granularity, type OperationsReport } from './operationsReport';
import type { OpsLabels } from './opsLabels';
import type { TaskConfirmations } from './taskConfirmations';

export interface OperationsQuery {
  /** China days YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  by: Granularity;
  channel?: string;
}

/** The operations figures from the stores (facts, handoffs and their ratings, notice outcomes). */
export class OperationsService {
  constructor(private readonly d: {
    facts: ConversationFacts; handoffs: HandoffStore; notices: NoticeStore; labels: OpsLabels; tasks: TaskConfirmations; now: () => number;
  }) {}

  get labels(): OpsLabels {
    return this.d.labels;
  }

  /** Today in China time (YYYY-MM-DD), by the bot's clock. */
  today(): string {
    return periodOf(this.d.now(), 'day');
  }

  async report(q: OperationsQuery): Promise<OperationsReport> {
    const { start, end } = rangeOf(q.from, q.to);
    const [facts, handoffs, notices] = await Promise.all([
      this.d.facts.between(start - CONVERSATION_GAP_MS, end),
      // A rating given in the range may be of a handoff created the day before.
      this.d.handoffs.between(start - 86_400_000, end),
      this.d.notices.outcomes(start, end),
    ]);
    return operationsReport({ ...q, facts, handoffs, notices, labels: this.d.labels, tasks: this.d.tasks });
  }
}

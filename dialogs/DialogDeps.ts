import type { Clock } from '../integrations/clock';
import type { TrafficPlatform } from '../integrations/platform/types';
import type { RateLimits } from '../integrations/storage/rateLimits';
import type { MisunderstoodInbox } from '../integrations/storage/training';
import type { ConfirmActClassifier } from '../nlu-models/acts/types';
import type { KnowledgeAnswerer } from '../nlu-models/knowledge/KnowledgeAnswerer';
import type { LanguageUnderstanding } from '../nlu-models/recognizer/Understanding';
import type { NoticeConsents } from './services/notices/NoticeConsents';

/** What every dialog may use, passed to constructors by the composition root (bot/). */
export interface DialogDeps {
  nlu: LanguageUnderstanding;
  /** Reads yes and no in the citizen's words at a confirmation (nlu-models/acts). */
  acts: ConfirmActClassifier;
  /** Answers questions about rules from the live knowledge base (cards citing the law texts). */
  knowledge: KnowledgeAnswerer;
  platform: TrafficPlatform;
  clock: Clock;
  /** The store's counters shared by every bot process: limits on what citizens may try (failed lookups by plate). */
  rateLimits: RateLimits;
  /** Where messages the bot did not understand are kept for admins (masked by the store). */
  inbox?: MisunderstoodInbox;
  /** Told what became of rule questions (for operations' metrics; names and topics only, never the text). */
  observe?: DialogObserver;
  /** The citizen's notice subscriptions (issue 17); without it no flow asks for consent and 「提醒设置」 says notices are off here. */
  notices?: NoticeConsents;
}

/** What the dialogs report for operations. */
export interface DialogObserver {
  /** A rule question was answered with a card (its kind and topic) or a law article, or referred (no answer). */
  knowledgeAnswered(outcome: 'card' | 'safety' | 'referral' | 'article' | 'referred', topic: string): void;
}

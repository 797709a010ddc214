import type { Clock } from '../integrations/clock';
import type { TrafficPlatform } from '../integrations/platform/types';
import type { MisunderstoodInbox } from '../integrations/storage/training';
import type { LanguageUnderstanding } from '../nlu-models/recognizer/Understanding';

/** What every dialog may use, passed to constructors by the composition root (bot/). */
export interface DialogDeps {
  nlu: LanguageUnderstanding;
  platform: TrafficPlatform;
  clock: Clock;
  /** Where messages the bot did not understand are kept for admins (masked by the store). */
  inbox?: MisunderstoodInbox;
}

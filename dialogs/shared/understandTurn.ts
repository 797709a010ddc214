import type { TurnContext } from 'botbuilder';
import type { Understanding } from '../../nlu-models/recognizer/Understanding';
import { normalizeText } from '../../nlu-models/text/normalize';
import type { DialogDeps } from '../DialogDeps';
import { todayOf } from './today';

const UNDERSTOOD = Symbol('understandTurn');

/**
 * What the NLU makes of a text in this turn (by default the citizen's message), classified once per turn however many
 * places ask: the main loop's interruptions and routing, and the open question's checks (a stop, a side question).
 */
export function understandTurn(ctx: TurnContext, deps: Pick<DialogDeps, 'nlu' | 'clock'>, text = ctx.activity.text ?? ''): Understanding {
  let seen = ctx.turnState.get(UNDERSTOOD) as Map<string, Understanding> | undefined;
  if (!seen) {
    seen = new Map();
    ctx.turnState.set(UNDERSTOOD, seen);
  }
  const key = normalizeText(text);
  const known = seen.get(key);
  if (known) return known;
  const u = deps.nlu.understand(text, todayOf(deps.clock));
  seen.set(key, u);
  return u;
}

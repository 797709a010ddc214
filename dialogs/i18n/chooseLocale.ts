import { extractEntities } from '../../nlu-models/entities';
import { normalizeText } from '../../nlu-models/text/normalize';
import type { Locale } from './Locale';

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/u;

/**
 * The language to answer a message in. Chinese when it has Han characters; English when it has two or
 * more English words (or is the first message and has one); otherwise — a number, a VIN, an ID number,
 * "ok" — the conversation keeps the language it had, so typing "1" or a plate never switches language.
 */
export function chooseLocale(text: string, previous: Locale | undefined): Locale {
  const { han, words } = analyse(text);
  if (han) return 'zh-CN';
  if (words >= 2 || (words === 1 && previous === undefined)) return 'en';
  return previous ?? 'zh-CN';
}

interface Analysis { han: boolean; words: number }

/** Recent analyses: a turn asks twice (the channel, then the locale middleware), and "1", "好" recur. */
const recent = new Map<string, Analysis>();
const RECENT_MAX = 1000;

/** Whether the text outside its entities has Han characters, and how many English words it has. */
function analyse(text: string): Analysis {
  const known = recent.get(text);
  if (known) return known;
  const normal = normalizeText(text);
  let rest = '';
  let pos = 0;
  for (const e of extractEntities(normal, { today: '2026-01-01' })) {
    rest += `${normal.slice(pos, e.start)} `;
    pos = e.end;
  }
  rest += normal.slice(pos);
  // Letters inside a plate-like or code-like run (6SB66, AB3C5) are not English words.
  const words = rest.match(/(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])/g) ?? [];
  const analysis = { han: HAN.test(rest), words: words.length };
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value as string);
  recent.set(text, analysis);
  return analysis;
}

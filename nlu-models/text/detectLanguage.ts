/**
 * The language an utterance is written in, judged on its words only (digits, punctuation, and the spans of its
 * entities — a plate, a VIN, a date, 科目三 — are no language):
 * - `zh`: Han characters carry it;
 * - `mixed`: Han characters and English words both carry weight ("帮我cancel一下考试");
 * - `en`: two or more English words and no Han character;
 * - `en-short`: one English word and nothing else ("ok", "hello"): English, but too little to switch a conversation;
 * - `none`: no words at all (a number, a plate, a VIN, an ID number).
 */
export type DetectedLanguage = 'zh' | 'mixed' | 'en' | 'en-short' | 'none';

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/u;
/** An English word: two or more letters, not part of a plate-like or code-like run (6SB66, AB3C5). */
const WORD = /(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])/g;
/** One- or two-letter capitals (ID, OK) weigh nothing against Han characters. */
const ABBREVIATION = /^[A-Z]{1,2}$/;

/**
 * The language of `text` outside `entities` (offsets into `text`, as the entity extractors give them on the
 * normalised text). The one detector: the NLU reports it as `Understanding.language` and the reply language
 * is decided from it.
 */
export function detectLanguage(text: string, entities: ReadonlyArray<{ start: number; end: number }> = []): DetectedLanguage {
  let rest = '';
  let pos = 0;
  for (const e of entities) {
    rest += `${text.slice(pos, e.start)} `;
    pos = e.end;
  }
  rest += text.slice(pos);
  let han = 0;
  for (const ch of rest) if (HAN.test(ch)) han += 1;
  const words = rest.match(WORD) ?? [];
  if (han === 0) return words.length >= 2 ? 'en' : words.length === 1 ? 'en-short' : 'none';
  const letters = words.filter((w) => !ABBREVIATION.test(w)).reduce((sum, w) => sum + w.length, 0);
  // One Han character weighs about as much as a three-letter English word.
  if (letters < han) return letters >= 4 ? 'mixed' : 'zh';
  return 'mixed';
}

export type DetectedLanguage = 'zh' | 'en' | 'mixed';

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const LATIN_WORD = /[A-Za-z]{2,}/g;

/**
 * Per-utterance language: Chinese when Han characters carry the text, English when only Latin words do,
 * mixed when both carry weight ("帮我cancel考试"). Digits, plates and punctuation do not count.
 */
export function detectLanguage(text: string): DetectedLanguage {
  let han = 0;
  for (const ch of text) if (HAN.test(ch)) han += 1;
  const latinLetters = (text.match(LATIN_WORD) ?? [])
    .filter((w) => !/^[A-Z]{1,2}$/.test(w))
    .reduce((sum, w) => sum + w.length, 0);
  if (han === 0) return 'en';
  // One Han character weighs about as much as a three-letter English word.
  if (latinLetters === 0 || latinLetters < han) return latinLetters >= 4 ? 'mixed' : 'zh';
  return 'mixed';
}

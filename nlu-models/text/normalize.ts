/** Longest utterance the NLU looks at; longer input is cut (NLP.js caches every distinct text). */
export const MAX_UTTERANCE_CHARS = 500;

/**
 * Input hygiene applied before classification and entity extraction:
 * full-width ASCII (Ｂ１２，？) becomes half-width, ideographic space becomes a space,
 * runs of white space fold to one, the text is trimmed and capped.
 */
export function normalizeText(input: string, maxChars: number = MAX_UTTERANCE_CHARS): string {
  let out = '';
  for (const ch of input.slice(0, maxChars * 2)) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  // Pinyin typed with tone marks (wǒ yào kǎoshì) reads as the toneless pinyin the model knows (ü as v, as IMEs type it).
  if (/[\u00c0-\u024f]/.test(out)) out = out.replace(/[\u00c0-\u024f]/g, (ch) => (/[üǖǘǚǜÜǕǗǙǛ]/.test(ch) ? 'v' : ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '')));
  out = out.replace(/\s+/g, ' ').trim();
  return Array.from(out).slice(0, maxChars).join('');
}

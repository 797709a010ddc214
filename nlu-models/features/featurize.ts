import PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer');

/** How an utterance becomes sparse features; stored with the model so training and serving agree. */
export interface FeatureOptions {
  /** Character n-gram orders taken inside runs of Han characters, e.g. [1, 2]. */
  hanOrders: number[];
  /** Add Han bigrams that skip one character (车_号), robust to inserted particles (选个车牌 ~ 选车牌). */
  hanSkipBigrams: boolean;
  /** Latin words are lower-cased and stemmed (Porter); word bigrams added when true. */
  wordBigrams: boolean;
  /** Character n-gram orders inside each Latin word with boundary marks (fastText-style subwords). */
  subwordOrders: number[];
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  hanOrders: [1, 2],
  hanSkipBigrams: false,
  wordBigrams: true,
  subwordOrders: [3, 4, 5],
};

export interface EntitySpan {
  entity: string;
  start: number;
  end: number;
}

const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
const WORD = /[a-z]+(?:'[a-z]+)?|\d+/g;

/** Han runs and Latin/digit words of a text in order, each tagged; everything else separates tokens. */
function segments(text: string): Array<{ kind: 'han' | 'word'; value: string }> {
  const out: Array<{ kind: 'han' | 'word'; value: string }> = [];
  const lower = text.toLowerCase();
  const re = new RegExp(`${HAN_RUN.source}|${WORD.source}`, 'gu');
  for (const m of lower.matchAll(re)) {
    const v = m[0];
    out.push({ kind: /^[a-z\d]/.test(v) ? 'word' : 'han', value: v });
  }
  return out;
}

/** Replace recognised entity values by a placeholder so "苏A12345" and "苏B88888" look the same to the classifier. */
export function maskEntities(text: string, spans: readonly EntitySpan[]): string {
  let out = '';
  let pos = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < pos) continue;
    out += text.slice(pos, s.start) + ` ${s.entity.replace(/_/g, '')} `;
    pos = s.end;
  }
  return out + text.slice(pos);
}

/** Sparse feature names of one (normalised, entity-masked) utterance. Repeats are kept: counts matter. */
export function featurize(text: string, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): string[] {
  const feats: string[] = [];
  const words: string[] = [];
  for (const seg of segments(text)) {
    if (seg.kind === 'han') {
      const chars = Array.from(seg.value);
      for (const n of options.hanOrders) {
        for (let i = 0; i + n <= chars.length; i += 1) feats.push(`h${n}:${chars.slice(i, i + n).join('')}`);
      }
      if (options.hanSkipBigrams) {
        for (let i = 0; i + 2 < chars.length; i += 1) feats.push(`hs:${chars[i]}_${chars[i + 2]}`);
      }
      words.push('<han>');
    } else {
      const raw = seg.value;
      const w = /^\d+$/.test(raw) ? `#${Math.min(raw.length, 9)}` : PorterStemmer.stem(raw);
      feats.push(`w:${w}`);
      words.push(w);
      if (!raw.startsWith('#') && !/^\d/.test(raw)) {
        const padded = `<${raw}>`;
        for (const n of options.subwordOrders) {
          for (let i = 0; i + n <= padded.length; i += 1) feats.push(`c${n}:${padded.slice(i, i + n)}`);
        }
      }
    }
  }
  if (options.wordBigrams) {
    for (let i = 0; i + 1 < words.length; i += 1) {
      if (words[i] !== '<han>' || words[i + 1] !== '<han>') feats.push(`b:${words[i]}_${words[i + 1]}`);
    }
  }
  return feats;
}

import PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer');
import { normalizeText } from '../text/normalize';
import synonyms from './synonyms.json';
import type { KnowledgeLocale } from './types';

const CJK = /[\u3400-\u9fff]/;

/** Words that carry no meaning for retrieval in English questions. */
const EN_STOP = new Set(['the', 'a', 'an', 'is', 'are', 'was', 'be', 'to', 'of', 'i', 'my', 'me', 'do', 'does', 'did', 'it', 'in', 'on', 'at', 'and', 'or', 'you', 'your', 'please', 'for', 'what', 'how', 'can', 'will', 'if', 'there', 'this', 'that', 'with', 'about', 'get', 'have', 'has', 'should', 'would', 'could', 'am', 'we']);
/** Particles and fillers that carry no meaning for retrieval in Chinese questions (single characters). */
const ZH_STOP = new Set(['的', '了', '吗', '呢', '啊', '呀', '吧', '嘛', '是', '我', '你', '请', '问', '一', '下', '么', '个', '在', '要', '会', '能', '有', '就', '都', '还', '么', '和', '与', '被', '把', '？', '?', '，', '。', '！']);

function replacer(map: Readonly<Record<string, string>>): (text: string) => string {
  const keys = Object.keys(map).sort((a, b) => b.length - a.length);
  if (keys.length === 0) return (t) => t;
  const pattern = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  return (text) => text.replace(pattern, (m) => map[m] ?? map[m.toLowerCase()] ?? m);
}

const filler = (list: readonly string[]) => Object.fromEntries(list.map((f) => [f, ' ']));
const SYNONYMS: Record<KnowledgeLocale, (text: string) => string> = {
  'zh-CN': replacer({ ...filler(synonyms.fillers['zh-CN']), ...synonyms['zh-CN'] }),
  en: replacer({ ...filler(synonyms.fillers.en), ...synonyms.en }),
};

/**
 * The terms a text is searched by: Chinese runs cut into single characters and character pairs (no dictionary,
 * no model), English words stemmed, numbers whole (12分 → 12, 分); colloquial words first mapped to the cards' and
 * texts' words (synonyms.json). The same function cuts questions, cards and articles.
 */
export function termsOf(text: string, locale: KnowledgeLocale): string[] {
  const lower = normalizeText(text).toLowerCase();
  const t = locale === 'zh-CN' ? SYNONYMS['zh-CN'](lower) : SYNONYMS['zh-CN'](SYNONYMS.en(lower));
  const terms: string[] = [];
  for (const run of t.match(/[\u3400-\u9fff]+|[a-z]+(?:'[a-z]+)?|\d+(?:\.\d+)?%?|%/g) ?? []) {
    if (CJK.test(run)) {
      const chars = Array.from(run);
      chars.forEach((c, i) => {
        if (!ZH_STOP.has(c)) terms.push(c);
        if (i + 1 < chars.length) terms.push(c + chars[i + 1]);
      });
    } else if (/^[a-z]/.test(run)) {
      if (!EN_STOP.has(run)) terms.push(PorterStemmer.stem(run));
    } else terms.push(run);
  }
  return terms;
}

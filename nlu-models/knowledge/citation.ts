import { toChineseNumber } from './chineseNumber';
import type { Law } from './articles';
import type { Citation, KnowledgeLocale } from './types';

/** 「《道路交通安全违法行为记分管理办法》第十条第（八）项」, "Measures on Scoring… (2022), Art. 10(8)". */
export function citationText(c: Citation, laws: ReadonlyMap<string, Law>, locale: KnowledgeLocale): string {
  const law = laws.get(c.law);
  const title = law?.title[locale] ?? c.law;
  if (locale === 'zh-CN') return `《${title}》第${toChineseNumber(c.article)}条${c.item ? `第（${toChineseNumber(c.item)}）项` : ''}`;
  return `${title}, Art. ${c.article}${c.item ? `(${c.item})` : ''}`;
}

/** Several citations of one card, the same law named once: 《办法》第十条第（八）项、第十一条. */
export function citationsText(cites: readonly Citation[], laws: ReadonlyMap<string, Law>, locale: KnowledgeLocale): string {
  const byLaw = new Map<string, Citation[]>();
  for (const c of cites) byLaw.set(c.law, [...(byLaw.get(c.law) ?? []), c]);
  const parts: string[] = [];
  for (const [lawId, list] of byLaw) {
    const [first, ...rest] = list;
    const head = citationText(first, laws, locale);
    if (locale === 'zh-CN') parts.push([head, ...rest.map((c) => `第${toChineseNumber(c.article)}条${c.item ? `第（${toChineseNumber(c.item)}）项` : ''}`)].join('、'));
    else parts.push([head, ...rest.map((c) => `${c.article}${c.item ? `(${c.item})` : ''}`)].join(', '));
    void lawId;
  }
  return parts.join(locale === 'zh-CN' ? '；' : '; ');
}

/** A document's match for a query: its BM25 score and the query terms it contains. */
export interface Bm25Hit<T> {
  readonly ref: T;
  readonly score: number;
  /** Share of the query's weight (idf of its distinct terms) that the document contains, 0–1. */
  readonly coverage: number;
  readonly matched: readonly string[];
}

/**
 * Okapi BM25 over pre-cut terms (small and exact: the knowledge base is a few thousand short documents).
 * Besides the ranking score, each hit says how much of the query it covers, weighted by idf; a query whose
 * rare terms the index has never seen covers little of any document, which is what the answerer's confidence
 * threshold reads.
 */
export class Bm25<T> {
  private readonly docs: Array<{ ref: T; tf: Map<string, number>; length: number }> = [];
  private readonly df = new Map<string, number>();
  private totalLength = 0;

  constructor(private readonly k1 = 1.2, private readonly b = 0.6) {}

  add(ref: T, terms: readonly string[]): void {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.docs.push({ ref, tf, length: terms.length });
    this.totalLength += terms.length;
  }

  get size(): number {
    return this.docs.length;
  }

  idf(term: string): number {
    const n = this.docs.length;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Documents sharing a term with the query, best first. */
  search(terms: readonly string[], limit = 20): Array<Bm25Hit<T>> {
    const distinct = [...new Set(terms)];
    const weights = new Map(distinct.map((t) => [t, this.idf(t)] as const));
    const total = [...weights.values()].reduce((s, w) => s + w, 0);
    const avg = this.docs.length ? this.totalLength / this.docs.length : 1;
    const hits: Array<Bm25Hit<T>> = [];
    for (const d of this.docs) {
      let score = 0;
      let covered = 0;
      const matched: string[] = [];
      for (const t of distinct) {
        const f = d.tf.get(t);
        if (!f) continue;
        const w = weights.get(t)!;
        score += w * ((f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * d.length) / avg)));
        covered += w;
        matched.push(t);
      }
      if (score > 0) hits.push({ ref: d.ref, score, coverage: total > 0 ? covered / total : 0, matched });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}

/** A document's match for a query: its BM25 score and the query terms it contains. */
export interface Bm25Hit<T> {
  readonly ref: T;
  readonly score: number;
  /** Share of the query's weight (idf of its distinct terms) that the document contains, 0–1. */
  readonly coverage: number;
  readonly matched: readonly string[];
}

/**
 * Okapi BM25 over pre-cut terms, with an inverted index (a query touches only the documents sharing a term).
 * Besides the ranking score, each hit says how much of the query it covers, weighted by idf; a query whose
 * rare terms the index has never seen covers little of any document, which is what the answerer's confidence
 * threshold reads.
 */
export class Bm25<T> {
  private readonly refs: T[] = [];
  private readonly lengths: number[] = [];
  /** term → [document, term frequency] pairs. */
  private readonly postings = new Map<string, Array<[number, number]>>();
  private totalLength = 0;

  constructor(private readonly k1 = 1.2, private readonly b = 0.6) {}

  add(ref: T, terms: readonly string[]): void {
    const doc = this.refs.length;
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, f] of tf) {
      const list = this.postings.get(t);
      if (list) list.push([doc, f]);
      else this.postings.set(t, [[doc, f]]);
    }
    this.refs.push(ref);
    this.lengths.push(terms.length);
    this.totalLength += terms.length;
  }

  get size(): number {
    return this.refs.length;
  }

  idf(term: string): number {
    const n = this.refs.length;
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Documents sharing a term with the query, best first. */
  search(terms: readonly string[], limit = 20): Array<Bm25Hit<T>> {
    const distinct = [...new Set(terms)];
    const weights = distinct.map((t) => this.idf(t));
    const total = weights.reduce((s, w) => s + w, 0);
    const avg = this.refs.length ? this.totalLength / this.refs.length : 1;
    const found = new Map<number, { score: number; covered: number; matched: string[] }>();
    distinct.forEach((t, i) => {
      const w = weights[i];
      for (const [doc, f] of this.postings.get(t) ?? []) {
        const hit = found.get(doc) ?? { score: 0, covered: 0, matched: [] };
        hit.score += w * ((f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * this.lengths[doc]) / avg)));
        hit.covered += w;
        hit.matched.push(t);
        found.set(doc, hit);
      }
    });
    return [...found.entries()]
      .map(([doc, h]) => ({ ref: this.refs[doc], score: h.score, coverage: total > 0 ? h.covered / total : 0, matched: h.matched }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }
}

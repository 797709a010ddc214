import type { AuditLog } from '../../integrations/storage/auditLog';
import type { CorpusSeed, TrainingStore, UtteranceSplit } from '../../integrations/storage/training';
import { corpusDomain } from '../../nlu-models/corpus/corpusDomain';
import { corpusContent, corpusHash } from '../../nlu-models/corpus/corpusHash';
import { loadCorpusFile, parseCorpus } from '../../nlu-models/corpus/loadCorpus';
import type { Corpus } from '../../nlu-models/corpus/types';

/** One corpus file as this process read it at start. */
export interface CorpusFileState {
  /** `<domain>/<locale>`, e.g. exams/zh-CN. */
  key: string;
  file: string;
  domain: string;
  locale: string;
  corpus: Corpus;
  hash: string;
}

export interface CorpusLine {
  intent: string;
  split: UtteranceSplit;
  text: string;
}

/** A corpus file that differs from what the store took in: offered to admins as an import, never merged by itself. */
export interface CorpusOffer {
  key: string;
  file: string;
  domain: string;
  locale: string;
  /** When and by whom the store last took this file in; null when it was seeded before that was recorded. */
  since: { recordedAt: number; recordedBy: string } | null;
  /** Utterances and tests in the file and not in what was taken in (without a record: not in the store). */
  added: CorpusLine[];
  /** Utterances and tests taken in that the file no longer has; importing keeps them (delete them in the console). */
  removed: CorpusLine[];
  /** Intents of the file the store does not have. */
  newIntents: string[];
}

export interface CorpusUpdatesDeps {
  store: TrainingStore;
  audit: AuditLog;
  now: () => number;
  files: readonly string[];
  /** The admin import (TrainingService.importCorpora): adds intents and utterances, audited as nlu.import. */
  importCorpora: (
    files: ReadonlyArray<{ file: string; corpus: Corpus }>, by: string, source: string, actorName?: string, details?: Record<string, unknown>,
  ) => Promise<{ intents: number; utterances: number }>;
}

const lineKey = (l: CorpusLine): string => `${l.split}\t${l.intent}\t${l.text}`;

function linesOf(c: Corpus): CorpusLine[] {
  return c.data.flatMap((d) => ([['train', d.utterances], ['test', d.tests ?? []]] as const)
    .flatMap(([split, list]) => list.map((text) => ({ intent: d.intent, split, text }))));
}

function minus(a: readonly CorpusLine[], b: readonly CorpusLine[]): CorpusLine[] {
  const keys = new Set(b.map(lineKey));
  return a.filter((l) => !keys.has(lineKey(l)));
}

/**
 * The store's record of the corpus files it took in, and the offers of files that changed since: an empty store is
 * seeded from the files (each one recorded); at every start the files are compared with the records, and a file that
 * differs is offered to admins (see the difference, import it through the audited import, or dismiss it).
 */
export class CorpusUpdates {
  private readonly files: CorpusFileState[];

  constructor(private readonly d: CorpusUpdatesDeps) {
    this.files = d.files.map((file) => {
      const corpus = loadCorpusFile(file);
      const domain = corpusDomain(file, corpus.locale);
      return { key: `${domain}/${corpus.locale}`, file, domain, locale: corpus.locale, corpus, hash: corpusHash(corpus) };
    });
    const keys = new Set<string>();
    for (const f of this.files) {
      if (keys.has(f.key)) throw new Error(`two corpus files are ${f.key}: ${this.files.filter((g) => g.key === f.key).map((g) => g.file).join(', ')}`);
      keys.add(f.key);
    }
  }

  /**
   * Seeds an empty store from the files, recording each; on a store seeded before records were kept, records the
   * files it already holds entirely. Returns the offers (files that changed).
   */
  async start(): Promise<CorpusOffer[]> {
    if ((await this.d.store.intentCount()) === 0) {
      await this.d.importCorpora(this.files, 'system', 'corpus');
      for (const f of this.files) await this.record(f, 'system');
      return [];
    }
    const offers = await this.offers();
    for (const o of offers) {
      if (o.since === null && o.added.length === 0 && o.newIntents.length === 0) await this.record(this.fileOf(o.key), 'system');
    }
    return this.offers();
  }

  /** The files that differ from what the store took in, in file order. */
  async offers(): Promise<CorpusOffer[]> {
    const seeds = new Map((await this.d.store.corpusSeeds()).map((s) => [s.key, s]));
    const offers: CorpusOffer[] = [];
    for (const f of this.files) {
      const seed = seeds.get(f.key);
      if (seed?.hash === f.hash) continue;
      offers.push(await this.compare(f, seed));
    }
    return offers;
  }

  async offer(key: string): Promise<CorpusOffer | undefined> {
    return (await this.offers()).find((o) => o.key === key);
  }

  /** Imports an offered file (the admin import, audited with the file and its difference) and records it as taken in. */
  async import(key: string, by: string, actorName?: string): Promise<{ key: string; intents: number; utterances: number } | undefined> {
    const offer = await this.offer(key);
    if (!offer) return undefined;
    const f = this.fileOf(key);
    const result = await this.d.importCorpora([f], by, 'corpus', actorName, {
      corpusFile: key, added: offer.added.length, removed: offer.removed.length, newIntents: offer.newIntents,
    });
    await this.record(f, by);
    return { key, ...result };
  }

  /** Records an offered file as seen without importing it (audited); it is offered again only when it changes again. */
  async dismiss(key: string, by: string, actorName?: string): Promise<boolean> {
    const offer = await this.offer(key);
    if (!offer) return false;
    await this.record(this.fileOf(key), by);
    await this.d.audit.append({
      at: this.d.now(), actor: by, action: 'nlu.corpus.dismiss', target: key,
      details: { admin: actorName, added: offer.added.length, removed: offer.removed.length, newIntents: offer.newIntents },
    });
    return true;
  }

  private fileOf(key: string): CorpusFileState {
    const f = this.files.find((x) => x.key === key);
    if (!f) throw new Error(`no corpus file ${key}`);
    return f;
  }

  private async record(f: CorpusFileState, by: string): Promise<void> {
    const seed: CorpusSeed = { key: f.key, hash: f.hash, corpus: corpusContent(f.corpus), recordedBy: by, recordedAt: this.d.now() };
    await this.d.store.recordCorpusSeed(seed);
  }

  private async compare(f: CorpusFileState, seed: CorpusSeed | undefined): Promise<CorpusOffer> {
    const lines = linesOf(f.corpus);
    const known = new Set((await this.d.store.intents()).map((i) => i.name));
    const newIntents = [...new Set(f.corpus.data.map((d) => d.intent))].filter((i) => !known.has(i));
    const common = { key: f.key, file: f.file, domain: f.domain, locale: f.locale, newIntents };
    if (seed) {
      const base = linesOf(parseCorpus(JSON.parse(seed.corpus), f.key));
      return { ...common, since: { recordedAt: seed.recordedAt, recordedBy: seed.recordedBy }, added: minus(lines, base), removed: minus(base, lines) };
    }
    const stored: CorpusLine[] = (await this.d.store.utterances())
      .filter((u) => u.locale === f.locale)
      .map((u) => ({ intent: u.intent, split: u.split, text: u.text }));
    return { ...common, since: null, added: minus(lines, stored), removed: [] };
  }
}

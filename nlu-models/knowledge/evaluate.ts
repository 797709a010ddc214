import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeAnswer } from './KnowledgeAnswerer';
import type { KnowledgeIndex } from './KnowledgeIndex';
import type { KnowledgeLocale } from './types';

/** A bench question: the card (one of several acceptable) or article that must answer it, or refuse. */
export interface BenchQuestion {
  readonly text: string;
  readonly locale: KnowledgeLocale;
  readonly expect: {
    readonly card?: string | readonly string[];
    readonly article?: string;
    readonly refuse?: boolean;
    /** A transaction that is also a right reading (「怎么查我的车有没有违章」: looking them up is what the bot does). */
    readonly request?: string | readonly string[];
  };
}

/** Every question of the bench files in a folder (<file>.json: { questions: [...] }), with the file they came from. */
export function loadBenchQuestions(dir: string): Array<BenchQuestion & { file: string }> {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().flatMap((file) =>
    (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { questions: BenchQuestion[] }).questions.map((q) => ({ ...q, file })));
}

export interface KnowledgeEvaluation {
  /** Questions a card or article must answer. */
  readonly answerable: { n: number; correct: number; wrong: number; refused: number };
  /** Questions that must be referred or refused: any card or article given is a wrong answer. */
  readonly mustRefuse: { n: number; answered: number };
  readonly failures: ReadonlyArray<{ text: string; locale: KnowledgeLocale; expected: string; got: string; confidence: number }>;
}

export function answerLabel(a: KnowledgeAnswer): string {
  if (a.kind === 'card') return a.match.card.id;
  if (a.kind === 'article') return `${a.match.citation.law}#${a.match.citation.article}`;
  return 'refused';
}

/** Top-1 answers of the index for each question, scored against what must answer it. */
export function evaluateKnowledge(index: KnowledgeIndex, questions: readonly BenchQuestion[]): KnowledgeEvaluation {
  const answerable = { n: 0, correct: 0, wrong: 0, refused: 0 };
  const mustRefuse = { n: 0, answered: 0 };
  const failures: Array<KnowledgeEvaluation['failures'][number]> = [];
  for (const q of questions) {
    const a = index.answer(q.text, q.locale);
    const got = answerLabel(a);
    const confidence = a.kind === 'none' ? (a.nearby[0]?.confidence ?? 0) : a.match.confidence;
    if (q.expect.refuse) {
      mustRefuse.n += 1;
      if (a.kind !== 'none') {
        mustRefuse.answered += 1;
        failures.push({ text: q.text, locale: q.locale, expected: 'refused', got, confidence });
      }
      continue;
    }
    answerable.n += 1;
    const ok = [q.expect.card ?? []].flat().concat(q.expect.article ? [q.expect.article] : []);
    if (ok.includes(got)) answerable.correct += 1;
    else {
      if (a.kind === 'none') answerable.refused += 1;
      else answerable.wrong += 1;
      failures.push({ text: q.text, locale: q.locale, expected: ok.join('|'), got, confidence });
    }
  }
  return { answerable, mustRefuse, failures };
}

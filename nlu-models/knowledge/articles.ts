import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromChineseNumber } from './chineseNumber';

/** The folder of the official texts (copied word for word, see its README.md). */
export const REGULATIONS_DIR = join(__dirname, 'regulations');

export interface Article {
  /** 第十条 → 10. */
  readonly number: number;
  /** The article's text as the law gives it (its numbered items included), without the 第X条 heading. */
  readonly text: string;
  /** Its numbered items （一）（二）…, in order (empty when it has none). */
  readonly items: readonly string[];
}

export interface Law {
  /** The file name without .md, e.g. points-scoring-measures-2022. */
  readonly id: string;
  /** How answers name it, per locale. */
  readonly title: Readonly<Record<'zh-CN' | 'en', string>>;
  readonly articles: ReadonlyMap<number, Article>;
}

const ARTICLE = /^第([零一二三四五六七八九十百]+)条\s*(.*)$/;
const ITEM = /^[（(]([零一二三四五六七八九十]+)[）)]/;

/** The articles of one law text: what follows the header block's `---` line, split at each 第X条 that starts a line. */
export function parseArticles(markdown: string): Map<number, Article> {
  const body = markdown.slice(markdown.indexOf('\n---\n') + 5);
  const articles = new Map<number, Article>();
  let current: { number: number; lines: string[] } | undefined;
  const close = () => {
    if (!current) return;
    const lines = current.lines.filter((l) => l.trim() !== '');
    const items = lines.filter((l) => ITEM.test(l.trim())).map((l) => l.trim());
    articles.set(current.number, { number: current.number, text: lines.join('\n'), items });
  };
  for (const line of body.split('\n')) {
    if (line.startsWith('#')) { close(); current = undefined; continue; }
    const m = ARTICLE.exec(line.trim());
    const n = m ? fromChineseNumber(m[1]) : undefined;
    if (m && n !== undefined) {
      close();
      current = { number: n, lines: [m[2]] };
    } else if (current) current.lines.push(line.trim());
  }
  close();
  return articles;
}

let cached: Map<string, Law> | undefined;

/** Every law of the knowledge base with its articles, by id (read once). */
export function loadLaws(dir: string = REGULATIONS_DIR): ReadonlyMap<string, Law> {
  if (dir === REGULATIONS_DIR && cached) return cached;
  const names = (JSON.parse(readFileSync(join(dir, 'laws.json'), 'utf8')) as { laws: Record<string, Law['title']> }).laws;
  const laws = new Map<string, Law>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort()) {
    const id = file.slice(0, -3);
    const title = names[id];
    if (!title) throw new Error(`${file}: no title in laws.json`);
    laws.set(id, { id, title, articles: parseArticles(readFileSync(join(dir, file), 'utf8')) });
  }
  if (dir === REGULATIONS_DIR) cached = laws;
  return laws;
}

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { projectCorpusFiles } from '../../../nlu-models/corpus/loadCorpus';
import { PROJECT_MODEL_FILE } from '../../../nlu-models/model/paths';
import type { Corpus } from '../../../nlu-models/corpus/types';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { AdminClient, type UtteranceView } from './adminClient';

const PASSWORD = 'correct horse 12';
const ROOT = join(__dirname, '..', '..', '..');
const NEW_UTTERANCES = Array.from({ length: 12 }, (_, i) => `我想约第${i + 1}期的科目二考试名额`);

interface UpdateSummary { key: string; domain: string; locale: string; added: number; removed: number; newIntents: string[]; since: { recordedBy: string } | null }
interface Line { intent: string; split: string; text: string }

/**
 * A deployment whose store was seeded from one set of corpus files restarts with a changed service corpus: the
 * admin API offers the change, nothing is merged until an admin imports it, then the new utterances are there and
 * the import is in the audit log.
 */
describe('corpus updates over HTTP: a changed corpus folder reaches a running deployment through an admin', () => {
  let dir: string;
  let dataDir: string;
  let set1: string[];
  let set2: string[];
  let t: WeChatTestApp | undefined;
  let removed: string;
  let created = false;
  let modelFile: string;

  /** A copy of the project's corpus files under `name`, keeping their places (the domain comes from the place). */
  const copyCorpora = (name: string): string[] => projectCorpusFiles().map((f) => {
    const to = join(dir, name, relative(ROOT, f));
    cpSync(f, to);
    return to;
  });
  const start = async (files: readonly string[]): Promise<AdminClient> => {
    // The start-up model follows the files too (ensureModel): a copy of the project's, retrained for the changed set.
    t = await startWeChatApp({ DATA_DIR: dataDir }, { corpusFiles: files, modelFile });
    await t.app.ready;
    const admin = new AdminClient(t.base);
    if (!created) await t.app.agents.create({ username: 'zhang.admin', password: PASSWORD, displayName: '张管理', role: 'admin' });
    created = true;
    expect(await admin.login('zhang.admin', PASSWORD)).toBe(200);
    return admin;
  };
  const stop = async (): Promise<void> => {
    await t?.close();
    t = undefined;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-updates-http-'));
    dataDir = join(dir, 'data');
    modelFile = join(dir, 'model.json');
    cpSync(PROJECT_MODEL_FILE, modelFile);
    set1 = copyCorpora('set1');
    set2 = copyCorpora('set2');
    const exams = set2.find((f) => f.endsWith(join('exams', 'corpus', 'zh-CN.json'))) ?? '';
    const corpus = JSON.parse(readFileSync(exams, 'utf8')) as Corpus;
    const book = corpus.data.find((d) => d.intent === 'exam.book');
    if (!book) throw new Error('no exam.book in the exams corpus');
    removed = book.utterances[0];
    book.utterances = [...book.utterances.slice(1), ...NEW_UTTERANCES];
    writeFileSync(exams, `${JSON.stringify(corpus, null, 2)}\n`);
  });
  afterAll(async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a store seeded from the corpora offers nothing; restarted with a changed service corpus it offers that file, merges nothing until the import, then has the new utterances (audited)', async () => {
    let admin = await start(set1);
    expect(await admin.get('/api/admin/corpus-updates')).toEqual({ status: 200, body: { updates: [] } });
    const seeded = (await admin.get<{ utterances: UtteranceView[] }>('/api/admin/intents/exam.book/utterances')).body.utterances.map((u) => u.text);
    expect(seeded).toContain(removed);
    await stop();

    admin = await start(set2);
    const anonymous = new AdminClient(t?.base ?? '');
    expect((await anonymous.get('/api/admin/corpus-updates')).status).toBe(401);
    const list = await admin.get<{ updates: UpdateSummary[] }>('/api/admin/corpus-updates');
    expect(list).toEqual({ status: 200, body: { updates: [{
      key: 'exams/zh-CN', domain: 'exams', locale: 'zh-CN', added: 12, removed: 1, newIntents: [], since: { recordedAt: expect.any(String), recordedBy: 'system' },
    }] } });
    const one = await admin.get<{ update: { added: Line[]; removed: Line[] } }>('/api/admin/corpus-updates/exams/zh-CN');
    expect(one.status).toBe(200);
    expect(one.body.update.added).toEqual(NEW_UTTERANCES.map((text) => ({ intent: 'exam.book', split: 'train', text })));
    expect(one.body.update.removed).toEqual([{ intent: 'exam.book', split: 'train', text: removed }]);
    expect((await admin.get('/api/admin/corpus-updates/exams/en')).status).toBe(404);

    // Nothing merged by the restart.
    const before = (await admin.get<{ utterances: UtteranceView[] }>('/api/admin/intents/exam.book/utterances')).body.utterances.map((u) => u.text);
    expect(before).toEqual(seeded);
    expect((await admin.post('/api/admin/corpus-updates/exams/zh-CN/import', {}, 'forged')).status).toBe(403);

    expect(await admin.post('/api/admin/corpus-updates/exams/zh-CN/import')).toEqual({ status: 200, body: { key: 'exams/zh-CN', intents: 0, utterances: 12 } });
    const after = (await admin.get<{ utterances: UtteranceView[] }>('/api/admin/intents/exam.book/utterances')).body.utterances;
    expect(after.map((u) => u.text)).toEqual([...seeded, ...NEW_UTTERANCES]);
    expect(after.filter((u) => NEW_UTTERANCES.includes(u.text)).every((u) => u.source === 'corpus' && u.locale === 'zh-CN')).toBe(true);
    const audit = (await admin.get<{ entries: Array<{ action: string; details?: Record<string, unknown> }> }>('/api/admin/audit?limit=5')).body.entries;
    expect(audit[0]).toMatchObject({ action: 'nlu.import', details: { admin: 'zhang.admin', corpusFile: 'exams/zh-CN', added: 12, removed: 1, utterances: 12 } });
    expect(await admin.get('/api/admin/corpus-updates')).toEqual({ status: 200, body: { updates: [] } });
    expect((await admin.post('/api/admin/corpus-updates/exams/zh-CN/import')).status).toBe(404);
    await stop();

    admin = await start(set2);
    expect(await admin.get('/api/admin/corpus-updates')).toEqual({ status: 200, body: { updates: [] } });
  }, 240_000);
});

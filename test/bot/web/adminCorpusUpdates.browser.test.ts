import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { projectCorpusFiles } from '../../../nlu-models/corpus/loadCorpus';
import type { Corpus } from '../../../nlu-models/corpus/types';
import { PROJECT_MODEL_FILE } from '../../../nlu-models/model/paths';
import { AdminClient, type UtteranceView } from '../admin/adminClient';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { ADMIN_WAIT_MS, consoleErrors, logInAdmin, waitOn } from '../../browser/adminPage';
import { WatchedPages } from '../../browser/watchedPages';

jest.setTimeout(300_000);

const ADMIN = { username: 'admin', password: 'correct horse 12', displayName: '管理员', role: 'admin' as const };
const ROOT = join(__dirname, '..', '..', '..');
/** Held-out tests only (the model's data hash covers training utterances): the start-up model needs no training. */
const ZH_TESTS = ['下个月能约科目三吗', '帮我看看科目一还有没有名额约'];
const EN_TESTS = ['can i get a road test slot next week'];

/** The admin console's banner of corpus files changed since the store was seeded: see, import, dismiss. */
describe('the admin console offers changed corpus files in a real browser', () => {
  let dir: string;
  let bot: WeChatTestApp | undefined;
  const pages = new WatchedPages();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-banner-'));
    const dataDir = join(dir, 'data');
    const modelFile = join(dir, 'model.json');
    cpSync(PROJECT_MODEL_FILE, modelFile);
    const copy = (name: string): string[] => projectCorpusFiles().map((f) => {
      const to = join(dir, name, relative(ROOT, f));
      cpSync(f, to);
      return to;
    });
    const set1 = copy('set1');
    const set2 = copy('set2');
    const addTests = (locale: string, tests: string[]): void => {
      const file = set2.find((f) => f.endsWith(join('exams', 'corpus', `${locale}.json`))) ?? '';
      const corpus = JSON.parse(readFileSync(file, 'utf8')) as Corpus;
      const book = corpus.data.find((d) => d.intent === 'exam.book');
      if (!book) throw new Error('no exam.book');
      book.tests = [...(book.tests ?? []), ...tests];
      writeFileSync(file, JSON.stringify(corpus, null, 2));
    };
    addTests('zh-CN', ZH_TESTS);
    addTests('en', EN_TESTS);
    const seeded = await startWeChatApp({ DATA_DIR: dataDir }, { corpusFiles: set1, modelFile });
    await seeded.app.ready;
    await seeded.app.agents.create(ADMIN);
    await seeded.close();
    bot = await startWeChatApp({ DATA_DIR: dataDir }, { corpusFiles: set2, modelFile });
    await bot.app.ready;
    await pages.launch();
  }, 120_000);
  afterAll(async () => {
    await pages.close();
    await bot?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => pages.expectNoProblems());

  it('shows each changed file with its counts and lines; importing one adds its lines, dismissing the other adds nothing; both leave the banner', async () => {
    const base = bot?.base ?? '';
    const page = await pages.newPage('admin', 1440, 900);
    await page.goto(`${base}/admin/`);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: ADMIN_WAIT_MS });
    await logInAdmin(page, ADMIN);
    const update = (key: string) => page.locator(`[data-testid="corpus-update"][data-key="${key}"]`);
    await waitOn(page, update('exams/zh-CN').getByTestId('corpus-update-text').filter({ hasText: 'exams/zh-CN（中文）：+2 条，−0 条' }), 'the zh-CN offer');
    await waitOn(page, update('exams/en').getByTestId('corpus-update-text').filter({ hasText: 'exams/en（英文）：+1 条，−0 条' }), 'the en offer');

    await update('exams/zh-CN').getByTestId('corpus-update-view').click();
    await waitOn(page, update('exams/zh-CN').getByTestId('corpus-line-added').nth(1), 'the added lines');
    expect(await update('exams/zh-CN').getByTestId('corpus-line-added').allTextContents()).toEqual(ZH_TESTS.map((t) => `+ exam.book · 测试集 · ${t}`));

    await update('exams/zh-CN').getByTestId('corpus-update-import').click();
    await waitOn(page, page.getByTestId('notice').filter({ hasText: '已导入 exams/zh-CN：新增 2 条语料' }), 'the import notice');
    await waitOn(page, update('exams/zh-CN'), 'the imported offer gone', 'hidden');
    await update('exams/en').getByTestId('corpus-update-dismiss').click();
    await waitOn(page, page.getByTestId('notice').filter({ hasText: '已忽略 exams/en 的变化' }), 'the dismiss notice');
    await waitOn(page, page.getByTestId('corpus-updates'), 'the banner gone', 'hidden');

    const admin = new AdminClient(base);
    expect(await admin.login(ADMIN.username, ADMIN.password)).toBe(200);
    const tests = (await admin.get<{ utterances: UtteranceView[] }>('/api/admin/intents/exam.book/utterances')).body.utterances.filter((u) => u.split === 'test').map((u) => u.text);
    expect(tests).toEqual(expect.arrayContaining(ZH_TESTS));
    expect(tests).not.toContain(EN_TESTS[0]);
    expect(await admin.get('/api/admin/corpus-updates')).toEqual({ status: 200, body: { updates: [] } });
    expect(await consoleErrors(page)).toEqual([]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeService } from '../../../bot/knowledge/KnowledgeService';
import { createLogger } from '../../../bot/logger';
import { openSqlite } from '../../../integrations/storage/sqlite/openSqlite';
import { SqliteAuditLog } from '../../../integrations/storage/sqlite/SqliteAuditLog';
import { SqliteInboxStore } from '../../../integrations/storage/sqlite/SqliteInboxStore';
import { SqliteKnowledgeStore } from '../../../integrations/storage/sqlite/SqliteKnowledgeStore';
import type { KnowledgeCard } from '../../../nlu-models/knowledge/types';

const card = (id: string, zh: string, answer = `${zh}的答案。`): KnowledgeCard => ({
  id, kind: 'answer', topic: id.split('.')[0], title: { 'zh-CN': zh, en: id }, questions: { 'zh-CN': [zh, `${zh}吗`, `请问${zh}`], en: [`about ${id}`] },
  answer: { 'zh-CN': answer, en: `Answer about ${id}.` }, cites: [{ law: 'points-scoring-measures-2022', article: 3 }],
});
const RED = card('points.red', '闯红灯记几分', '一次记6分。');
const CYCLE = card('points.cycle', '记分周期多长', '十二个月。');

/** Two bot processes on one SQLite file, as with WORKERS=2. */
function processes(repository: () => KnowledgeCard[]) {
  const dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
  const dbs: ReturnType<typeof openSqlite>[] = [];
  let now = Date.parse('2026-11-25T02:00:00Z');
  const open = () => {
    const db = openSqlite(join(dir, 'bot.db'));
    dbs.push(db);
    return new KnowledgeService({
      store: new SqliteKnowledgeStore(db), audit: new SqliteAuditLog(db), inbox: new SqliteInboxStore(db),
      logger: createLogger('silent'), now: () => (now += 1000), repositoryCards: repository, pollMs: 0,
    });
  };
  return { open, dir, db: () => dbs[0], close: () => { for (const db of dbs) db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

const answerOf = (k: KnowledgeService, text: string) => {
  const a = k.answerer.answer(text, 'zh-CN');
  return a.kind === 'card' ? a.match.card.answer['zh-CN'] : a.kind;
};

describe('the knowledge base on a running bot', () => {
  it('seeds the store from the repository on first start: version 1, live, answering', async () => {
    const p = processes(() => [RED, CYCLE]);
    try {
      const k = p.open();
      await k.init();
      expect((await k.versions()).map((v) => ({ number: v.number, live: v.live, cards: v.cardCount, by: v.createdBy }))).toEqual([{ number: 1, live: true, cards: 2, by: 'system' }]);
      expect(answerOf(k, '闯红灯记几分')).toBe('一次记6分。');
    } finally { p.close(); }
  });

  it('repository cards that changed are published at the next start when no admin edited the draft', async () => {
    let repo = [RED, CYCLE];
    const p = processes(() => repo);
    try {
      await p.open().init();
      repo = [card('points.red', '闯红灯记几分', '一次记6分（第十条）。'), CYCLE];
      const k = p.open();
      await k.init();
      expect((await k.versions()).map((v) => v.number)).toEqual([2, 1]);
      expect(answerOf(k, '闯红灯记几分')).toBe('一次记6分（第十条）。');
      expect(k.repositoryChanged).toBe(false);
    } finally { p.close(); }
  });

  it('…but are not merged over an admin\'s edits: the console is told instead', async () => {
    let repo = [RED, CYCLE];
    const p = processes(() => repo);
    try {
      const first = p.open();
      await first.init();
      await first.save({ ...CYCLE, answer: { ...CYCLE.answer, 'zh-CN': '记分周期为十二个月。' } }, 'admin-1');
      repo = [RED, CYCLE, card('points.new', '新卡片问题')];
      const k = p.open();
      await k.init();
      expect(k.repositoryChanged).toBe(true);
      expect((await k.versions()).map((v) => v.number)).toEqual([1]);
      expect((await k.draft()).find((c) => c.card.id === 'points.cycle')?.state).toBe('changed');
    } finally { p.close(); }
  });

  it('an edit answers only once published; every process follows the live version; rollback brings the old answer back', async () => {
    const p = processes(() => [RED, CYCLE]);
    try {
      const a = p.open();
      const b = p.open();
      await a.init();
      await b.init();
      await a.save({ ...RED, answer: { ...RED.answer, 'zh-CN': '一次记6分，另处罚款。' } }, 'admin-1');
      expect(answerOf(a, '闯红灯记几分')).toBe('一次记6分。');
      const { version } = await a.publish('admin-1', 'red light wording');
      expect(version.number).toBe(2);
      expect(answerOf(a, '闯红灯记几分')).toBe('一次记6分，另处罚款。');
      await b.refresh();
      expect(answerOf(b, '闯红灯记几分')).toBe('一次记6分，另处罚款。');
      const first = (await a.versions()).find((v) => v.number === 1)!;
      await b.makeLive(first.id, 'admin-2');
      await a.refresh();
      expect(answerOf(a, '闯红灯记几分')).toBe('一次记6分。');
      const audit = await new SqliteAuditLog(p.db()).recent(10);
      expect(audit.map((e) => e.action)).toEqual(['knowledge.rollback', 'knowledge.publish', 'knowledge.card.edit']);
    } finally { p.close(); }
  });

  it('a retired card stops answering once published; a card citing an article that does not exist is refused', async () => {
    const p = processes(() => [RED, CYCLE]);
    try {
      const k = p.open();
      await k.init();
      await k.setStatus('points.red', 'retired', 'admin-1');
      await k.publish('admin-1', 'retire red');
      expect(answerOf(k, '闯红灯记几分')).not.toBe('一次记6分。');
      await expect(k.save({ ...CYCLE, cites: [{ law: 'points-scoring-measures-2022', article: 99 }] }, 'admin-1')).rejects.toMatchObject({ code: 'CARD_INVALID' });
      await expect(k.publish('admin-1', 'nothing new')).rejects.toMatchObject({ code: 'NOTHING_TO_PUBLISH' });
    } finally { p.close(); }
  });
});

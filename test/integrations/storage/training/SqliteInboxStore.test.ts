import Database from 'better-sqlite3';
import { SqliteInboxStore } from '../../../../integrations/storage/sqlite/SqliteInboxStore';
import { SqliteTrainingStore } from '../../../../integrations/storage/sqlite/SqliteTrainingStore';

const ID = '320583198512240024';
const PHONE = '13812345678';
const VIN = 'LSVAU2187N2123456';
const PLATE = '苏A12345';

describe('SqliteInboxStore (misunderstood messages)', () => {
  let db: Database.Database;
  let inbox: SqliteInboxStore;
  const record = (text: string, at = 1, intent = 'None', score = 0.2) => inbox.record({ text, locale: 'zh-CN', intent, score, at });

  beforeEach(() => {
    db = new Database(':memory:');
    inbox = new SqliteInboxStore(db);
  });
  afterEach(() => {
    if (db.open) db.close();
  });

  it.each([
    ['an ID number', `帮我订机票，身份证${ID}`, '帮我订机票，身份证320583********0024'],
    ['a phone number', `打我电话${PHONE}`, '打我电话138****5678'],
    ['a VIN', `车架号${VIN}怎么改`, '车架号LSV**********3456怎么改'],
    ['a plate', `${PLATE}能不能借我开`, '苏A***45能不能借我开'],
    ['all of them', `${ID} ${PHONE} ${VIN} ${PLATE}`, '320583********0024 138****5678 LSV**********3456 苏A***45'],
    ['nothing personal (trimmed)', '  推荐一部电影  ', '推荐一部电影'],
  ])('masks %s before storing', async (_label, text, stored) => {
    await record(text);
    const [item] = await inbox.open(10);
    expect(item.text).toBe(stored);
    const raw = JSON.stringify(db.prepare('SELECT * FROM nlu_inbox').all());
    for (const secret of [ID, PHONE, VIN, PLATE]) expect(raw).not.toContain(secret);
  });

  it('keeps locale, intent, score and time, and starts every item as new', async () => {
    await inbox.record({ text: 'book a flight', locale: 'en', intent: 'exam.book', score: 0.41, at: 1234 });
    const [item] = await inbox.open(10);
    expect(item).toEqual({ id: item.id, text: 'book a flight', locale: 'en', intent: 'exam.book', score: 0.41, createdAt: 1234, status: 'new' });
    expect(await inbox.item(item.id)).toEqual(item);
    expect(await inbox.item(item.id + 100)).toBeUndefined();
  });

  it('skips empty (whitespace only) messages and cuts long ones to 500 characters', async () => {
    await record('   ');
    await record('很'.repeat(600));
    const items = await inbox.open(10);
    expect(items).toHaveLength(1);
    expect(items[0].text).toBe('很'.repeat(500));
  });

  it('open() lists only new items, newest first, up to the limit', async () => {
    for (const [i, text] of ['一', '二', '三', '四'].entries()) await record(text, i);
    const all = await inbox.open(10);
    expect(all.map((i) => i.text)).toEqual(['四', '三', '二', '一']);
    expect((await inbox.open(2)).map((i) => i.text)).toEqual(['四', '三']);
    await inbox.resolve(all[1].id, 'filed', 'admin', 9, 'fine.query');
    await inbox.resolve(all[2].id, 'ignored', 'admin', 9);
    expect((await inbox.open(10)).map((i) => i.text)).toEqual(['四', '一']);
  });

  it.each(['filed', 'out_of_scope', 'ignored'] as const)('resolves an item as %s only once', async (status) => {
    await record('订机票');
    const [item] = await inbox.open(10);
    expect(await inbox.resolve(item.id, status, 'admin-1', 50, status === 'filed' ? 'fine.query' : undefined)).toBe(true);
    expect(await inbox.item(item.id)).toMatchObject({ status });
    expect(await inbox.resolve(item.id, 'ignored', 'admin-2', 60)).toBe(false);
    expect(await inbox.item(item.id)).toMatchObject({ status });
    const row = db.prepare('SELECT filed_intent, handled_by, handled_at FROM nlu_inbox WHERE id = ?').get(item.id);
    expect(row).toEqual({ filed_intent: status === 'filed' ? 'fine.query' : null, handled_by: 'admin-1', handled_at: 50 });
  });

  it('does not resolve an unknown item', async () => {
    expect(await inbox.resolve(999, 'ignored', 'admin', 1)).toBe(false);
  });

  it('never throws from record (the citizen turn must not fail): reports the error instead', async () => {
    const errors: unknown[] = [];
    const failing = new SqliteInboxStore(db, (err) => errors.push(err));
    db.close();
    await expect(failing.record({ text: '订机票', locale: 'zh-CN', intent: 'None', score: 0, at: 1 })).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });

  it('shares its migrations with the training store (either may open the database first)', async () => {
    const training = new SqliteTrainingStore(db);
    await record('订机票');
    expect(await training.intentCount()).toBe(0);
    expect(await inbox.open(5)).toHaveLength(1);
  });
});

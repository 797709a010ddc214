import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxWeChatServer, type ReceivedMessage, type SandboxTemplate } from '../../../integrations/wechat/sandbox/SandboxWeChatServer';

const APP = { appId: 'wx2c2769f8efd9abc2', appSecret: 'sandbox-secret' };
const T0 = Date.parse('2026-12-03T01:00:00.000Z');
const LINA = 'o_sandbox_lina';
const TEMPLATES: readonly SandboxTemplate[] = [{
  id: 'tpl_fine_deadline', title: '缴款期限提醒',
  fields: [{ key: 'decision', label: '决定书编号' }, { key: 'amount', label: '罚款金额' }, { key: 'deadline', label: '缴款期限' }],
}];
const fine = (client_msg_id?: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  touser: LINA, template_id: 'tpl_fine_deadline', url: '/chat/reply?say=缴款', client_msg_id,
  data: { decision: { value: '3201041100012345' }, amount: { value: '200元' }, deadline: { value: '12月6日' } },
  ...extra,
});

describe('SandboxWeChatServer: template messages, follower settings, injected failures', () => {
  let dir: string;
  let dbs: Database.Database[];
  let clock: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-wechat-'));
    dbs = [];
    clock = T0;
  });
  afterEach(() => {
    for (const db of dbs) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A server as one bot process has it: its own connection to the shared sandbox database file. */
  const process_ = (): SandboxWeChatServer => {
    const db = new Database(join(dir, 'sandbox.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 2000');
    dbs.push(db);
    return new SandboxWeChatServer(db, APP, () => clock, TEMPLATES);
  };
  const tokenOf = (server: SandboxWeChatServer): string => String(server.issueToken('client_credential', APP.appId, APP.appSecret).access_token);

  it('tells subscribers (the messenger stream) of a delivered template message, as messages() returns it', () => {
    const server = process_();
    const seen: ReceivedMessage[] = [];
    server.subscribe((m) => seen.push(m));
    const answer = server.receiveTemplate(tokenOf(server), fine('n1'));
    expect(answer).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
    expect(seen).toEqual(server.messages(LINA));
    expect(seen[0]).toMatchObject({
      id: answer.msgid, msgtype: 'template',
      template: { title: '缴款期限提醒', url: '/chat/reply?say=缴款', fields: [{ label: '决定书编号' }, { label: '罚款金额', value: '200元' }, { label: '缴款期限' }] },
    });
  });

  it('a template message without url has none in the outbox', () => {
    const server = process_();
    server.receiveTemplate(tokenOf(server), fine('n2', { url: undefined }));
    const [m] = server.messages(LINA);
    expect(m.msgtype === 'template' && 'url' in m.template).toBe(false);
  });

  it('a client_msg_id delivered by one bot process is answered, not delivered again, when another process sends it', () => {
    const a = process_();
    const b = process_();
    const seenByB: ReceivedMessage[] = [];
    b.subscribe((m) => seenByB.push(m));
    const first = a.receiveTemplate(tokenOf(a), fine('n3'));
    const again = b.receiveTemplate(tokenOf(b), fine('n3'));
    expect(again).toEqual(first);
    expect(b.messages(LINA)).toHaveLength(1);
    expect(seenByB).toEqual([]);
  });

  it('without client_msg_id every send is delivered', () => {
    const server = process_();
    const t = tokenOf(server);
    server.receiveTemplate(t, fine(undefined));
    server.receiveTemplate(t, fine(undefined));
    expect(server.messages(LINA)).toHaveLength(2);
  });

  it('a delivered client_msg_id sent again after the follower refused is still answered ok (it was delivered), a new one is refused', () => {
    const server = process_();
    const t = tokenOf(server);
    const first = server.receiveTemplate(t, fine('n4'));
    server.setFollowerSettings(LINA, { notices: 'reject' });
    expect(server.receiveTemplate(t, fine('n4'))).toEqual(first);
    expect(server.receiveTemplate(t, fine('n5'))).toMatchObject({ errcode: 43101 });
    expect(server.messages(LINA)).toHaveLength(1);
  });

  it('checks the token first: unknown 40001, expired 42001', () => {
    const server = process_();
    const t = tokenOf(server);
    expect(server.receiveTemplate('not-a-token', fine('n6'))).toMatchObject({ errcode: 40001 });
    clock += 7200_000;
    expect(server.receiveTemplate(t, fine('n6'))).toMatchObject({ errcode: 42001 });
    expect(server.messages(LINA)).toEqual([]);
  });

  it.each([
    ['no body', 44002, undefined],
    ['no touser', 40003, fine('n7', { touser: '' })],
    ['no template_id', 40037, fine('n7', { template_id: undefined })],
    ['data that is not an object', 47003, fine('n7', { data: 'x' })],
    ['a value that is not a string', 47003, fine('n7', { data: { decision: { value: 1 }, amount: { value: '200元' }, deadline: { value: '12月6日' } } })],
    ['a url that is not text', 47003, fine('n7', { url: 5 })],
    ['an empty client_msg_id', 47003, fine('')],
  ])('refuses %s with errcode %i and delivers nothing', (_what, errcode, body) => {
    const server = process_();
    expect(server.receiveTemplate(tokenOf(server), body).errcode).toBe(errcode);
    expect(server.messages(LINA)).toEqual([]);
  });

  it('keeps follower settings in the database (every process sees them); a follower never set accepts', () => {
    const a = process_();
    const b = process_();
    expect(b.followerSettings(LINA)).toEqual({ notices: 'accept', blocked: false, following: true });
    expect(a.setFollowerSettings(LINA, { following: false })).toEqual({ notices: 'accept', blocked: false, following: false });
    expect(b.followerSettings(LINA)).toEqual({ notices: 'accept', blocked: false, following: false });
    expect(b.receiveTemplate(tokenOf(b), fine('n8'))).toMatchObject({ errcode: 43004 });
    expect(b.setFollowerSettings(LINA, { following: true, notices: undefined })).toEqual({ notices: 'accept', blocked: false, following: true });
  });

  it('failNextTemplates: the next sends with a valid token answer the code, in this process only, then sends go through', () => {
    const a = process_();
    const b = process_();
    const t = tokenOf(a);
    a.failNextTemplates(2, 45009);
    expect(a.receiveTemplate('not-a-token', fine('n9'))).toMatchObject({ errcode: 40001 });
    expect(b.receiveTemplate(t, fine('n9'))).toMatchObject({ errcode: 0 });
    expect(a.receiveTemplate(t, fine('n10'))).toMatchObject({ errcode: 45009 });
    expect(a.receiveTemplate(t, fine('n10'))).toMatchObject({ errcode: 45009 });
    expect(a.receiveTemplate(t, fine('n10'))).toMatchObject({ errcode: 0 });
    expect(a.messages(LINA)).toHaveLength(2);
  });
});

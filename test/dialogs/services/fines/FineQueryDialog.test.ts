import { FineQueryDialog } from '../../../../dialogs/services/fines/FineQueryDialog';
import { bindAs, dialogClient, latestSmsCode, makeWorld, PERSONAS, play, TEST_USER, type World } from '../../harness';

const { liNa } = PERSONAS;

function entitiesOf(world: World, text: string): { entities: ReturnType<World['deps']['nlu']['understand']>['entities'] } {
  return { entities: world.deps.nlu.understand(text, '2026-11-25').entities };
}

/** 李娜's five records as the lookup lists them (two handled, three unprocessed), in Chinese. */
const LI_NA_LIST_ZH = [
  '1. 8月15日（周六） 苏A12345\n   地点：南京市江宁区机场高速K12\n   违法行为：超速行驶，罚款200.00元，记3分\n   状态：已处理，已缴款，决定书320100123400815',
  '2. 9月25日（周五） 苏A12345\n   地点：南京市鼓楼区中山北路与虎踞路交叉口\n   违法行为：驾车时拨打、接听手持电话，罚款100.00元，记3分\n   状态：已处理，未缴款，已逾期40天：应缴200.00元（含滞纳金100.00元），决定书320100123456789',
  '3. 11月1日（周日） 苏A12345\n   地点：南京市栖霞区绕城公路K8\n   违法行为：超速行驶，罚款200.00元，记3分\n   状态：未处理，可以网上处理',
  '4. 11月10日（周二） 苏A12345\n   地点：南京市玄武区中山路\n   违法行为：违反规定停放，罚款150.00元，不记分\n   状态：未处理，可以网上处理',
  '5. 11月18日（周三） 苏A12345\n   地点：南京市秦淮区中华路与白下路交叉口\n   违法行为：闯红灯，罚款200.00元，记6分\n   状态：未处理。处理这条违法后记分将达到12分（满分12分），不能网上处理，需要到交警窗口处理。',
  '不能网上处理的违法，请携带驾驶证、行驶证到就近的交警违法处理窗口办理；也可以回复「人工」转人工客服，或拨打12123咨询。',
].join('\n');
/** The same list as anyone who typed the plate and VIN tail sees it: why the red light needs a counter in general terms, no points total. */
const LI_NA_LIST_ANONYMOUS_ZH = LI_NA_LIST_ZH.replace(
  '状态：未处理。处理这条违法后记分将达到12分（满分12分），不能网上处理，需要到交警窗口处理。',
  '状态：未处理。这条违法不能网上处理，需要到交警窗口处理；车主绑定身份后选「查本人名下车辆」可以看到具体原因。',
);
/** Anything that tells the owner's points: a total now or after handling, what is left, the 12-point ceiling. */
const POINTS_TOTAL = /记分将达到|累计|已记|剩余|满分|\d+分（|points to \d+|of 12|your points|points left/;
/** The buttons are the list's records, numbered as in the list, each saying what can be done with it. */
const OFFER_ZH = '要办理哪一条？请点选或回复序号（与上面列表的序号相同）： [1. 8月15日 超速行驶：已缴款|2. 9月25日 驾车时拨打、接听手持电话：缴款200.00元|3. 11月1日 超速行驶：网上处理|4. 11月10日 违反规定停放：网上处理|5. 11月18日 闯红灯：需到窗口|暂不办理]';
const VEHICLES_ZH = '要查哪辆车的违法记录？ [苏A12345|其他车辆（按号牌和车架号查询）]';

describe('FineQueryDialog', () => {
  it('looks up by plate + VIN tail without binding: every record with date, place, what, fine, points, status and online handling', async () => {
    const world = makeWorld();
    const client = dialogClient(new FineQueryDialog(world.deps));
    await play(client, [
      ['查违章', ['查询违法记录，请选择查询方式： [查本人名下车辆（需绑定身份）|按号牌和车架号后6位查询]']],
      ['3', ['请点选一种查询方式，或回复序号：1 查本人名下车辆，2 按号牌和车架号查询。']],
      ['按号牌和车架号后6位查询', ['请输入要查询的号牌号码，例如苏A12345：']],
      ['A12345', ['没有认出号牌号码。请输入完整号牌']],
      ['苏a·12345', ['请输入苏A12345的车架号（VIN）后6位，行驶证上可以找到：']],
      ['1234', ['车架号后6位是6个字母或数字（不含I、O、Q），请重新输入：']],
      ['123456', [`苏A12345共有5条违法记录，其中3条未处理：\n${LI_NA_LIST_ANONYMOUS_ZH}`, OFFER_ZH]],
      ['暂不办理', ['好的，先不处理。需要时随时找我。']],
    ]);
    expect(await world.platform.identity.getBinding(TEST_USER)).toBeNull();
  });

  it.each([
    ['zh-CN', '苏A12345的违章', /闯红灯[\s\S]*不能网上处理/],
    ['en', 'check traffic violations of 苏A12345', /running a red light[\s\S]*cannot be handled online/],
  ])('never tells an anonymous plate lookup the owner\'s points (%s): the red light is refused in general terms', async (_locale, first, refused) => {
    const world = makeWorld();
    const client = dialogClient(new FineQueryDialog(world.deps), entitiesOf(world, first));
    await client.sendActivity(first);
    const replies: string[] = [];
    let reply = await client.sendActivity('123456');
    while (reply) {
      replies.push(reply.text ?? '');
      reply = client.getNextReply();
    }
    const listing = replies.join('\n');
    expect(listing).toMatch(refused);
    expect(listing).not.toMatch(POINTS_TOTAL);
  });

  it('takes the plate from the first message, explains a wrong VIN tail and keeps the plate', async () => {
    const world = makeWorld();
    const text = '查一下苏A12345有没有违章';
    const client = dialogClient(new FineQueryDialog(world.deps), entitiesOf(world, text));
    await play(client, [
      [text, ['请输入苏A12345的车架号（VIN）后6位']],
      ['654321', [
        '没有查到这辆车：号牌和车架号后六位对不上，请核对。',
        '请重新输入苏A12345的车架号后6位；如果号牌填错了，也可以直接发送正确的号牌号码：',
      ]],
      ['车架号后六位是123456', [/^苏A12345共有5条违法记录，其中3条未处理：/, OFFER_ZH]],
    ]);
  });

  it('accepts a corrected plate instead of the VIN tail, and gives up after three mismatches', async () => {
    const world = makeWorld();
    const client = dialogClient(new FineQueryDialog(world.deps), entitiesOf(world, '苏A54321的违章'));
    await play(client, [
      ['苏A54321的违章', ['请输入苏A54321的车架号（VIN）后6位']],
      ['123456', ['号牌和车架号后六位对不上', '请重新输入苏A54321的车架号后6位']],
      ['苏A12345', ['请重新输入苏A12345的车架号后6位']],
      ['000000', ['号牌和车架号后六位对不上', '请重新输入苏A12345的车架号后6位']],
      ['111111', ['号牌和车架号后六位对不上', '号牌和车架号后6位多次对不上，先查到这里。请对照行驶证核对，或回复「人工」转人工客服，也可拨打12123。']],
    ]);
  });

  it('looks up the bound citizen\'s own vehicles and hands a chosen violation to the handling flow', async () => {
    const world = makeWorld();
    await bindAs(world, liNa);
    const client = dialogClient(new FineQueryDialog(world.deps));
    await play(client, [
      ['我有没有违章', [VEHICLES_ZH]],
      ['1', [`苏A12345共有5条违法记录，其中3条未处理：\n${LI_NA_LIST_ZH}`, OFFER_ZH]],
      ['违反规定停放', ['确认网上处理这条违法吗？\n时间：11月10日（周二）\n号牌：苏A12345\n地点：南京市玄武区中山路\n违法行为：违反规定停放\n处理结果：罚款150.00元，不记分']],
      ['是', ['已处理。处罚决定书编号：320100200000001', '现在就缴纳这份决定书的罚款150.00元吗？']],
      ['是', [/^处罚决定书：320100200000001[\s\S]*合计应缴：150\.00元$/, '缴款成功。\n决定书编号：320100200000001\n缴款金额：150.00元']],
    ]);
  });

  it('binds when a violation found by plate is handled, then confirms that violation', async () => {
    const world = makeWorld();
    const client = dialogClient(new FineQueryDialog(world.deps), entitiesOf(world, '苏A12345违章查询'));
    await play(client, [
      ['苏A12345违章查询', ['车架号（VIN）后6位']],
      ['123456', ['苏A12345共有5条违法记录', OFFER_ZH]],
      ['3', ['需要先绑定身份', '请输入你的18位身份证号']],
      [liNa.idNumber, ['姓名']],
      [liNa.name, ['验证码已发送']],
      [() => latestSmsCode(world, liNa.phone), ['身份绑定成功', '确认网上处理这条违法吗？\n时间：11月1日（周日）']],
      ['否', ['好的，没有处理。需要时随时找我。']],
    ]);
    expect(world.db.prepare('SELECT COUNT(*) AS n FROM decisions').get()).toEqual({ n: 2 });
  });

  it('answers in English', async () => {
    const world = makeWorld();
    await bindAs(world, liNa);
    const client = dialogClient(new FineQueryDialog(world.deps));
    await play(client, [
      ['check my traffic violations', ['Which vehicle\'s violations would you like to see? [苏A12345|Another vehicle (by plate and VIN)]']],
      ['苏A12345', [
        /^苏A12345 has 5 violation records, 3 of them not yet handled:\n1\. [^\n]*\n[^\n]*\n[^\n]*\n   Status: handled, paid, decision 320100123400815\n[\s\S]*Status: handled, not paid, 40 days overdue: ¥200\.00 due \(late fee ¥100\.00 included\), decision 320100123456789\n[\s\S]*5\. Wed 18 Nov 苏A12345\n   Where: 南京市秦淮区中华路与白下路交叉口\n   What: running a red light, fine ¥200\.00, 6 points\n   Status: not yet handled\. Handling this violation would bring your points to 12 \(of 12\), so it cannot be handled online; please go to a traffic police counter\.\nViolations that cannot be handled online/,
        'Which one would you like to deal with? Tap it or reply with its number (the same as in the list above): [1. 15 Aug speeding: paid|2. 25 Sep using a hand-held phone while driving: pay ¥200.00|3. 1 Nov speeding: handle online|4. 10 Nov illegal parking: handle online|5. 18 Nov running a red light: at a counter|Not now]',
      ]],
      ['not now', ['OK, nothing handled for now.']],
    ]);
  });

  it('says so when a vehicle has no violations', async () => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.wangQiang);
    const client = dialogClient(new FineQueryDialog(world.deps));
    await play(client, [
      ['查违章', ['请选择查询方式']],
      ['1', ['你名下车辆没有违法记录。']],
      // 王强's cars have no plates yet: there is no vehicle of his to pick.
    ]);
  });

  it('after 5 failed lookups of a plate in an hour, says until when (in English too), refuses the right tail, and opens again after the hour', async () => {
    const world = makeWorld('2026-11-25T10:20:00+08:00');
    const lookUp = (client: ReturnType<typeof dialogClient>, tail: string, replies: Array<string | RegExp>): Promise<void> =>
      play(client, [['check traffic violations of 苏A12345', ['last 6 characters of the VIN']], [tail, replies]]);
    const fresh = (): ReturnType<typeof dialogClient> => dialogClient(new FineQueryDialog(world.deps), entitiesOf(world, 'check traffic violations of 苏A12345'));
    const MISMATCH = 'No vehicle matches that plate and the last six characters of the VIN';
    const LOCKED = 'Too many lookups by plate did not match, so to protect vehicle owners, lookups by plate are paused until Wed 25 Nov 11:00; please try again after that. The owner can bind their identity and look up their own vehicles, say "agent" to talk to a person, or call 12123.';
    for (const tail of ['000001', '000002', '000003', '000004']) await lookUp(fresh(), tail, [MISMATCH, /VIN/]);
    await lookUp(fresh(), '000005', [MISMATCH, LOCKED]);
    await lookUp(fresh(), '123456', [LOCKED]);
    world.clock.set('2026-11-25T11:00:00+08:00');
    await lookUp(fresh(), '123456', [/^苏A12345 has 5 violation records/, /deal with/]);
  });
});

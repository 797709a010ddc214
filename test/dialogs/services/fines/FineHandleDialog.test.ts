import { FinePayDialog } from '../../../../dialogs/services/fines/FinePayDialog';
import { bindAs, dialogClient, latestSmsCode, makeWorld, PERSONAS, play, type World } from '../../harness';

const { liNa } = PERSONAS;
const SPEEDING = '11月1日（周日） 超速行驶 罚款200.00元 记3分';
const PARKING = '11月10日（周二） 违反规定停放 罚款150.00元 不记分';
const RED_LIGHT = '11月18日（周三） 闯红灯 罚款200.00元 记6分';
const OLD_DECISION = '缴纳决定书320100123456789（已逾期40天，应缴200.00元）';
const NEED_PERSON = '不能网上处理的违法，请携带驾驶证、行驶证到就近的交警违法处理窗口办理；也可以回复「人工」转人工客服，或拨打12123咨询。';

function entitiesOf(world: World, text: string): { entities: ReturnType<World['deps']['nlu']['understand']>['entities'] } {
  return { entities: world.deps.nlu.understand(text, '2026-11-25').entities };
}

async function liNaWorld(): Promise<World> {
  const world = makeWorld();
  await bindAs(world, liNa);
  return world;
}

describe('FinePayDialog — handling a violation online (simple procedure: fine ≤ 200 yuan, points stay below 12)', () => {
  it('"帮我交苏A12345的罚款": never asks for the plate, explains the red light (points would reach 12), handles the speeding and pays it', async () => {
    const world = await liNaWorld();
    const text = '帮我交苏A12345的罚款';
    const client = dialogClient(new FinePayDialog(world.deps), entitiesOf(world, text));
    await play(client, [
      [text, [`苏A12345有以下待办事项，请选择一项： [${SPEEDING}|${PARKING}|${RED_LIGHT}|${OLD_DECISION}|暂不办理]`]],
      ['3', [
        '处理这条违法后记分将达到12分（满分12分），不能网上处理，需要到交警窗口处理。',
        NEED_PERSON,
        `还可以办理以下事项，请选择： [${SPEEDING}|${PARKING}|${OLD_DECISION}|暂不办理]`,
      ]],
      ['第九个', ['请点选列表中的一项，或回复它的序号。']],
      ['1', ['确认网上处理这条违法吗？\n时间：11月1日（周日）\n号牌：苏A12345\n地点：南京市栖霞区绕城公路K8\n违法行为：超速行驶\n处理结果：罚款200.00元，记3分\n处理后会开具处罚决定书，请在15日内缴款，逾期每天加处罚款的3%。 [是|否]']],
      ['嗯？', ['请回复「是」确认处理，或回复「否」暂不处理。 [是|否]']],
      ['是', [
        '已处理。处罚决定书编号：320100200000001\n罚款200.00元，记3分\n请在12月10日（周四）前缴款，逾期每天加处罚款的3%（最多与罚款数额相同）。',
        '现在就缴纳这份决定书的罚款200.00元吗？ [是|否]',
      ]],
      // She agreed to pay 200.00元 now: the figures are shown and it is paid, without a second confirmation.
      ['是', [
        '处罚决定书：320100200000001（苏A***45）\n罚款：200.00元\n开具日期：11月25日（周三）\n缴款期限：12月10日（周四）前（含当日）\n尚在缴款期限内，没有滞纳金。\n合计应缴：200.00元',
        '缴款成功。\n决定书编号：320100200000001\n缴款金额：200.00元（罚款200.00元，滞纳金0.00元）',
      ]],
    ]);
    expect((await world.platform.violations.points(liNa.idNumber)).points).toBe(9);
    const decision = await world.platform.violations.decision('320100200000001');
    expect(decision.status).toBe('paid');
  });

  it('handles 150 yuan parking with no points after the speeding, while the red light stays refused at 9 + 6 points', async () => {
    const world = await liNaWorld();
    await world.platform.violations.handle(liNa.idNumber, 'V2026110100031', 'setup-speeding');
    const client = dialogClient(new FinePayDialog(world.deps), { path: 'handle' });
    await play(client, [
      ['处理违章', [/^有以下待办事项，请选择一项： \[11月10日.*违反规定停放.*\|11月18日.*闯红灯.*\|缴纳决定书320100123456789（已逾期40天，应缴200\.00元）\|缴纳决定书320100200000001（应缴200\.00元）\|暂不办理\]$/]],
      ['2', ['处理这条违法后记分将达到15分（满分12分），不能网上处理', NEED_PERSON, '还可以办理以下事项']],
      [PARKING, ['处理结果：罚款150.00元，不记分']],
      ['是', ['已处理。处罚决定书编号：320100200000002\n罚款150.00元，不记分', '现在就缴纳']],
      ['否', ['好的。之后随时发送决定书编号320100200000002就可以缴款；超过缴款期限每天加处罚款的3%。']],
    ]);
    expect(world.db.prepare('SELECT COUNT(*) AS n FROM payments').get()).toEqual({ n: 1 }); // only the seeded, paid 2026-08 decision
  });

  it('refuses a fine above 200 yuan online, and one bringing points to exactly 12, but handles 11', async () => {
    const world = await liNaWorld();
    world.admin.addViolation({
      violationId: 'V2026112000061', idNumber: liNa.idNumber, vin: liNa.vin, occurredAt: '2026-11-20T08:00:00+08:00',
      kind: 'phone-use', location: '南京市建邺区江东中路', fineFen: 50000, points: 0,
    });
    world.admin.addViolation({
      violationId: 'V2026112100071', idNumber: liNa.idNumber, vin: liNa.vin, occurredAt: '2026-11-21T08:00:00+08:00',
      kind: 'lane', location: '南京市雨花台区软件大道', fineFen: 10000, points: 5,
    });
    const client = dialogClient(new FinePayDialog(world.deps), { path: 'handle' });
    await play(client, [
      ['处理违法', ['有以下待办事项，请选择一项：']],
      ['4', ['这条违法罚款500.00元，超过网上处理的上限200.00元，需要到交警窗口处理。', NEED_PERSON, '还可以办理以下事项']],
      ['闯红灯', ['处理这条违法后记分将达到12分（满分12分）', NEED_PERSON, '还可以办理以下事项']],
      ['不按规定车道行驶', ['违法行为：不按规定车道行驶\n处理结果：罚款100.00元，记5分']],
      ['是', ['已处理。处罚决定书编号：320100200000001\n罚款100.00元，记5分', '现在就缴纳']],
    ]);
    expect((await world.platform.violations.points(liNa.idNumber)).points).toBe(11);
  });

  it('binds first when the citizen is not bound, then lists; "not now" ends without handling anything', async () => {
    const world = makeWorld();
    const client = dialogClient(new FinePayDialog(world.deps));
    await play(client, [
      ['处理违章', ['请问要办理哪一项？']],
      ['处理违法记录', ['需要先绑定身份', '请输入你的18位身份证号']],
      [liNa.idNumber, ['请输入身份证上的姓名']],
      [liNa.name, ['验证码已发送']],
      [() => latestSmsCode(world, liNa.phone), ['身份绑定成功', '有以下待办事项，请选择一项：']],
      ['算了', ['好的，先不办理。需要时随时找我。']],
    ]);
    expect(world.db.prepare('SELECT COUNT(*) AS n FROM decisions').get()).toEqual({ n: 2 });
  });

  it('handles a violation in English and leaves paying for later', async () => {
    const world = await liNaWorld();
    const client = dialogClient(new FinePayDialog(world.deps));
    await play(client, [
      ['I want to deal with my traffic violations', ['What would you like to do? [Handle a violation|Pay a fine by decision number]']],
      ['1', [/^Here is what is waiting to be done; please choose one: \[Sun 1 Nov speeding, fine ¥200\.00, 3 points\|Tue 10 Nov illegal parking, fine ¥150\.00, no points\|Wed 18 Nov running a red light, fine ¥200\.00, 6 points\|Pay decision 320100123456789 \(40 days overdue, ¥200\.00 due\)\|Not now\]$/]],
      ['3', ['Handling this violation would bring your points to 12 (of 12), so it cannot be handled online; please go to a traffic police counter.', 'say "agent"', 'You can still do the following']],
      ['2', ['Handle this violation online?\nWhen: Tue 10 Nov\nPlate: 苏A12345\nWhere: 南京市玄武区中山路\nWhat: illegal parking\nPenalty: fine ¥150.00, no points']],
      ['yes', ['Done. Penalty decision number: 320100200000001\nFine ¥150.00, no points\nPlease pay by Thu 10 Dec', 'Would you like to pay this fine of ¥150.00 now? [Yes|No]']],
      ['no', ['OK. Send me the decision number 320100200000001 any time to pay']],
    ]);
  });

  it('goes straight to paying when the citizen picks an unpaid decision from the list', async () => {
    const world = await liNaWorld();
    const client = dialogClient(new FinePayDialog(world.deps), entitiesOf(world, '苏A12345交罚款'));
    await play(client, [
      ['苏A12345交罚款', ['苏A12345有以下待办事项']],
      ['4', [/^处罚决定书：320100123456789[\s\S]*合计应缴：200\.00元/]],
      ['是', ['缴款成功。\n决定书编号：320100123456789\n缴款金额：200.00元（罚款100.00元，滞纳金100.00元）']],
    ]);
  });
});

import { DecisionPayDialog } from '../../../../dialogs/services/fines/DecisionPayDialog';
import { FinePayDialog } from '../../../../dialogs/services/fines/FinePayDialog';
import { FineQueryDialog } from '../../../../dialogs/services/fines/FineQueryDialog';
import type { FlowOptions } from '../../../../dialogs/shared/FlowOptions';
import { todayOf } from '../../../../dialogs/shared/today';
import { bindAs, dialogClient, makeWorld, PERSONAS, play, type World } from '../../harness';

/**
 * Issue 15 for violations and fines, as 李娜 (苏A12345, VIN …123456) would say it: payment states in the list,
 * paying from the list, her own car without a VIN, everything said in the first message, another province's
 * plate, and 「第3条」 meaning item 3 of the list shown.
 */
const { liNa } = PERSONAS;

function opening(world: World, text: string): FlowOptions {
  return { entities: world.deps.nlu.understand(text, todayOf(world.clock)).entities };
}

async function liNaWorld(at?: string): Promise<World> {
  const world = makeWorld(at);
  await bindAs(world, liNa);
  return world;
}

/** The offer under 李娜's list: her five records with the list's numbers, then 暂不办理. */
const OFFER_ZH = '要办理哪一条？请点选或回复序号（与上面列表的序号相同）： [1. 8月15日 超速行驶：已缴款|2. 9月25日 驾车时拨打、接听手持电话：缴款200.00元|3. 11月1日 超速行驶：网上处理|4. 11月10日 违反规定停放：网上处理|5. 11月18日 闯红灯：需到窗口|暂不办理]';
const OVERDUE = '状态：已处理，未缴款，已逾期40天：应缴200.00元（含滞纳金100.00元），决定书320100123456789';
const PAID = '状态：已处理，已缴款，决定书320100123400815';
const OTHER_PROVINCE = (plate: string): string =>
  `本平台只能查询江苏（苏）号牌的违法记录，${plate}是外省号牌，这里查不到。外省号牌请在交管12123 App 查询，或到当地交警部门咨询。`;

describe('violations and fines as citizens say it (issue 15)', () => {
  describe('1. every record says where its payment stands, and what is unpaid can be paid from the list', () => {
    it('a decision 40 days overdue reads 已逾期40天 with the late fee, never 「已处理」 like the paid one; 「缴款」 pays it', async () => {
      const world = await liNaWorld();
      const first = '查我自己车的违章';
      const client = dialogClient(new FineQueryDialog(world.deps), opening(world, first));
      await play(client, [
        [first, [new RegExp(`^苏A12345|^你名下车辆共有5条违法记录[\\s\\S]*${PAID}[\\s\\S]*${OVERDUE.replace(/[()（）]/g, '.')}`), OFFER_ZH]],
        ['缴款', [/^处罚决定书：320100123456789（苏A\*\*\*45）[\s\S]*已逾期40天，滞纳金：100\.00元[\s\S]*合计应缴：200\.00元\n确认现在缴纳200\.00元吗？/]],
        ['是', ['缴款成功。\n决定书编号：320100123456789\n缴款金额：200.00元（罚款100.00元，滞纳金100.00元）']],
      ]);
      expect((await world.platform.violations.decision('320100123456789')).status).toBe('paid');
      // Looked up again, it is paid.
      const again = dialogClient(new FineQueryDialog(world.deps), opening(world, first));
      await play(again, [[first, [/2\. 9月25日（周五） 苏A12345[\s\S]*状态：已处理，已缴款，决定书320100123456789/, /\|2\. 9月25日 驾车时拨打、接听手持电话：已缴款\|/]]]);
    });

    it('within the payment period: 未缴款 with the amount and the last day (the sandbox clock on 10 Oct)', async () => {
      const world = await liNaWorld('2026-10-10T10:00:00+08:00');
      const first = '查我自己车的违章';
      const client = dialogClient(new FineQueryDialog(world.deps), opening(world, first));
      await play(client, [[first, [/状态：已处理，未缴款：应缴100\.00元，缴款截止10月16日（周五），决定书320100123456789/, /2\. 9月25日 驾车时拨打、接听手持电话：缴款100\.00元/]]]);
    });

    it('in English: paid, overdue with the late fee, and the pay button', async () => {
      const world = await liNaWorld();
      const first = 'violations of my own car';
      const client = dialogClient(new FineQueryDialog(world.deps), opening(world, first));
      await play(client, [
        [first, [
          /Status: handled, paid, decision 320100123400815[\s\S]*Status: handled, not paid, 40 days overdue: ¥200\.00 due \(late fee ¥100\.00 included\), decision 320100123456789/,
          /\|2\. 25 Sep using a hand-held phone while driving: pay ¥200\.00\|/,
        ]],
        ['pay the overdue one', [/^Penalty decision: 320100123456789[\s\S]*Total due: ¥200\.00\nPay ¥200\.00 now\?/]],
      ]);
    });
  });

  describe('2. what is already done is said to be done', () => {
    it('the same decision again after paying: 「这笔罚款已缴清」, nothing charged, no question', async () => {
      const world = makeWorld();
      const pay = dialogClient(new DecisionPayDialog(world.deps), { decisionNumber: '320100123456789' });
      await play(pay, [
        ['缴纳罚款320100123456789', [/确认现在缴纳200\.00元吗？/]],
        ['是', ['缴款成功。']],
      ]);
      const again = dialogClient(new DecisionPayDialog(world.deps), { decisionNumber: '320100123456789' });
      await play(again, [['是', [/^这笔罚款已缴清：决定书320100123456789已于11月25日（周三） 10:00缴清（200\.00元，支付单号/]]]);
      expect(world.db.prepare("SELECT COUNT(*) AS n FROM payments WHERE decision_number = '320100123456789'").get()).toEqual({ n: 1 });
    });

    it('a paid record chosen from the list is said to be paid, and the list is offered again', async () => {
      const world = await liNaWorld();
      const first = '查我自己车的违章';
      const client = dialogClient(new FineQueryDialog(world.deps), opening(world, first));
      await play(client, [
        [first, [/^苏A12345|5条违法记录/, OFFER_ZH]],
        ['第1条', ['第1条的决定书320100123400815已经缴款，不需要再办理。', OFFER_ZH]],
      ]);
    });
  });

  describe('3. the bound owner\'s own vehicles: picked, never a VIN typed', () => {
    it.each([
      ['查我自己车的违章'],
      ['我名下的车有没有违章'],
      ['查一下苏A12345的违章'],
    ])('「%s」 lists her records at once (no way question, no VIN tail)', async (first) => {
      const world = await liNaWorld();
      const client = dialogClient(new FineQueryDialog(world.deps), opening(world, first));
      await play(client, [[first, [/共有5条违法记录，其中3条未处理：\n1\. 8月15日/, OFFER_ZH]]]);
    });

    it('「查违章」: she picks her car by its plate, or another vehicle by plate and VIN', async () => {
      const world = await liNaWorld();
      const client = dialogClient(new FineQueryDialog(world.deps));
      await play(client, [
        ['查违章', ['要查哪辆车的违法记录？ [苏A12345|其他车辆（按号牌和车架号查询）]']],
        ['其他车辆', ['请输入要查询的号牌号码，例如苏A12345：']],
        ['返回上一步', ['要查哪辆车的违法记录？ [苏A12345|其他车辆（按号牌和车架号查询）]']],
        ['苏A12345', [/^苏A12345共有5条违法记录/, OFFER_ZH]],
      ]);
    });
  });

  describe('4. what the first message says is not asked again', () => {
    it.each([
      ['查苏A12345违章 车架号后六位123456', /^苏A12345共有5条违法记录，其中3条未处理：/],
      ['查苏A12345的违章，车架号后六位123456', /^苏A12345共有5条违法记录/],
      ['violations for 苏A12345, VIN ends 123456', /^苏A12345 has 5 violation records/],
    ])('「%s」 (not bound): plate and VIN tail both taken', async (first, listed) => {
      const world = makeWorld();
      const client = dialogClient(new FineQueryDialog(world.deps), opening(world, first));
      await play(client, [[first, [listed, /^(要办理哪一条|Which one would you like)/]]]);
    });

    it('only the plate given: only the VIN tail is asked, and a plate at that question corrects it', async () => {
      const world = makeWorld();
      const first = '查苏A54321违章';
      const client = dialogClient(new FineQueryDialog(world.deps), opening(world, first));
      await play(client, [
        [first, ['请输入苏A54321的车架号（VIN）后6位']],
        ['不对，是苏A12345', ['请输入苏A12345的车架号（VIN）后6位']],
        ['123456', [/^苏A12345共有5条违法记录/, /^要办理哪一条/]],
      ]);
    });

    it('a decision number in the first message is paid without asking for it', async () => {
      const world = makeWorld();
      const first = '交罚款 决定书320100123456789';
      const client = dialogClient(new FinePayDialog(world.deps), opening(world, first));
      await play(client, [[first, [/^处罚决定书：320100123456789[\s\S]*确认现在缴纳200\.00元吗？/]]]);
    });
  });

  describe('5. honest about what the platform does not hold', () => {
    it.each([
      ['查一下京A12345的违章', '京A12345'],
      ['查一下浙B12345的违章 车架号后六位654321', '浙B12345'],
    ])('「%s」: only Jiangsu plates here, use 12123 — never 「对不上」', async (first, plate) => {
      const world = makeWorld();
      const client = dialogClient(new FineQueryDialog(world.deps), opening(world, first));
      await play(client, [[first, [OTHER_PROVINCE(plate)]]]);
    });

    it('a plate of another province typed at the plate question, and in English', async () => {
      const world = makeWorld();
      await play(dialogClient(new FineQueryDialog(world.deps)), [
        ['查违章', ['请选择查询方式']],
        ['2', ['请输入要查询的号牌号码']],
        ['粤B12345', [OTHER_PROVINCE('粤B12345')]],
      ]);
      const en = 'check violations for 浙B12345 vin 654321';
      await play(dialogClient(new FineQueryDialog(world.deps), opening(world, en)), [
        [en, ['This platform only holds the records of Jiangsu (苏) plates; 浙B12345 is from another province, so it cannot be looked up here. Please use the Traffic Management 12123 app']],
      ]);
    });

    it('handling the violations of another province\'s plate: the same answer', async () => {
      const world = await liNaWorld();
      const first = '处理京A12345的违章';
      await play(dialogClient(new FinePayDialog(world.deps), opening(world, first)), [[first, [OTHER_PROVINCE('京A12345')]]]);
    });
  });

  describe('6. 「第3条」 is item 3 of the list shown (the buttons carry the same numbers)', () => {
    const SPEEDING_CONFIRM = '确认网上处理这条违法吗？\n时间：11月1日（周日）\n号牌：苏A12345\n地点：南京市栖霞区绕城公路K8\n违法行为：超速行驶';
    const PARKING_CONFIRM = '确认网上处理这条违法吗？\n时间：11月10日（周二）';

    it.each([
      ['处理第3条', SPEEDING_CONFIRM],
      ['处理第三条', SPEEDING_CONFIRM],
      ['3', SPEEDING_CONFIRM],
      ['第4个', PARKING_CONFIRM],
      ['停车那个', PARKING_CONFIRM],
    ])('「%s」', async (answer, confirm) => {
      const world = await liNaWorld();
      const first = '查我自己车的违章';
      const client = dialogClient(new FineQueryDialog(world.deps), opening(world, first));
      await play(client, [
        [first, [/5条违法记录/, OFFER_ZH]],
        [answer, [confirm]],
      ]);
    });

    it('item 5 cannot be handled online: why, where, and the list again; 「第9条」 is not in it', async () => {
      const world = await liNaWorld();
      const first = '查我自己车的违章';
      const client = dialogClient(new FineQueryDialog(world.deps), opening(world, first));
      await play(client, [
        [first, [/5条违法记录/, OFFER_ZH]],
        ['处理第5条', [
          '第5条不能网上处理。\n处理这条违法后记分将达到12分（满分12分），不能网上处理，需要到交警窗口处理。\n不能网上处理的违法，请携带驾驶证、行驶证到就近的交警违法处理窗口办理',
          OFFER_ZH,
        ]],
        ['第9条', ['请点选要办理的一条，或回复它在列表中的序号（如「3」或「第3条」）；现在不办请选「暂不办理」。']],
        ['第3条', [SPEEDING_CONFIRM]],
        ['是', ['已处理。处罚决定书编号：320100200000001', '现在就缴纳这份决定书的罚款200.00元吗？']],
      ]);
    });

    it('in English: "the fourth" is the parking, "number 3" the speeding', async () => {
      const world = await liNaWorld();
      const first = 'violations of my own car';
      for (const [answer, when] of [['the fourth', 'When: Tue 10 Nov'], ['number 3', 'When: Sun 1 Nov']] as const) {
        const client = dialogClient(new FineQueryDialog(world.deps), opening(world, first));
        await play(client, [
          [first, [/5 violation records/, /^Which one would you like to deal with\?/]],
          [answer, [new RegExp(`^Handle this violation online\\?\\n${when}`)]],
        ]);
      }
    });
  });
});

describe('corrections and going back at the fines questions (prompt layer)', () => {
  it('another decision number at the payment confirmation shows that decision instead', async () => {
    const world = makeWorld();
    const first = '交罚款 决定书320100123456789';
    await play(dialogClient(new FinePayDialog(world.deps), opening(world, first)), [
      [first, [/确认现在缴纳200\.00元吗？（决定书320100123456789）/]],
      ['不对，是320100123400815这张', [/^这笔罚款已缴清：决定书320100123400815/]],
    ]);
    expect((await world.platform.violations.decision('320100123456789')).status).toBe('unpaid');
  });

  it('「返回上一步」 at the handling confirmation shows the list again; nothing is handled', async () => {
    const world = await liNaWorld();
    const client = dialogClient(new FinePayDialog(world.deps), { path: 'handle' });
    await play(client, [
      ['处理违章', [/^有以下待办事项，请选择一项：/]],
      ['停车那个', ['确认网上处理这条违法吗？\n时间：11月10日（周二）']],
      ['返回上一步', [/^有以下待办事项，请选择一项：/]],
      ['暂不办理', ['好的，先不办理。']],
    ]);
    expect(world.db.prepare('SELECT COUNT(*) AS n FROM decisions').get()).toEqual({ n: 2 });
  });

  it('「返回上一步」 at the VIN tail asks for the plate again', async () => {
    const world = makeWorld();
    const first = '查苏A54321违章';
    await play(dialogClient(new FineQueryDialog(world.deps), opening(world, first)), [
      [first, ['请输入苏A54321的车架号（VIN）后6位']],
      ['返回上一步', ['请输入要查询的号牌号码，例如苏A12345：']],
      ['苏A12345 123456', [/^苏A12345共有5条违法记录/, /^要办理哪一条/]],
    ]);
  });
});

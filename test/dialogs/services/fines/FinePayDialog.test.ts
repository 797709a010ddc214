import type { Middleware, TurnContext } from 'botbuilder';
import { FinePayDialog } from '../../../../dialogs/services/fines/FinePayDialog';
import { dialogClient, makeWorld, PERSONAS, play, type World } from '../../harness';

const { liNa } = PERSONAS;

/** Entities of the citizen's first message, as MainDialog passes them. */
function entitiesOf(world: World, text: string, today = '2026-11-25'): { entities: ReturnType<World['deps']['nlu']['understand']>['entities'] } {
  return { entities: world.deps.nlu.understand(text, today).entities };
}

function paymentsOf(world: World, decisionNumber: string): Array<{ payment_id: string; amount_fen: number }> {
  return world.db.prepare('SELECT payment_id, amount_fen FROM payments WHERE decision_number = ?').all(decisionNumber) as
    Array<{ payment_id: string; amount_fen: number }>;
}

/** Loses the first reply containing `text` on its way out: the turn fails after the platform call, state is not saved. */
function loseReplyOnce(text: string): Middleware {
  let armed = true;
  return {
    onTurn: async (ctx: TurnContext, next: () => Promise<void>) => {
      ctx.onSendActivities(async (_c, activities, send) => {
        if (armed && activities.some((a) => a.text?.includes(text))) {
          armed = false;
          throw new Error('connection lost');
        }
        return send();
      });
      await next();
    },
  };
}

describe('FinePayDialog — paying a penalty decision (DESIGN §4: 15 days, then 3% a day, never more than the fine)', () => {
  it('on 2026-11-25 shows her overdue decision with the late fee capped at the fine, pays 200.00元 once, and says so when asked again', async () => {
    const world = makeWorld();
    const client = dialogClient(new FinePayDialog(world.deps), entitiesOf(world, '交罚款，决定书320100123456789'));
    await play(client, [
      ['交罚款，决定书320100123456789', [
        /^处罚决定书：320100123456789（苏A\*\*\*45）\n罚款：100\.00元\n开具日期：10月1日（周四）\n缴款期限：10月16日（周五）前（含当日）\n已逾期40天，滞纳金：100\.00元（每天加处罚款的3%，最多不超过罚款数额，已到上限）\n合计应缴：200\.00元\n确认现在缴纳200\.00元吗？（决定书320100123456789） \[是\|否\]$/,
      ]],
      ['是', [/^缴款成功。\n决定书编号：320100123456789\n缴款金额：200\.00元（罚款100\.00元，滞纳金100\.00元）\n缴款时间：11月25日（周三） 10:00\n支付单号：PAY\d{10}$/]],
      // The same confirmation again (a duplicate message): the flow starts over, finds the decision paid, charges nothing.
      ['是', ['决定书320100123456789已于11月25日（周三） 10:00缴清（200.00元，支付单号PAY']],
    ]);
    expect(paymentsOf(world, liNa.decision)).toEqual([{ payment_id: expect.stringMatching(/^PAY/), amount_fen: 20000 }]);
    const decision = await world.platform.violations.decision(liNa.decision);
    expect([decision.status, decision.lateFeeFen, decision.amountDueFen]).toEqual(['paid', 10000, 0]);
  });

  it('charges once when the receipt is lost and the citizen confirms again (same idempotency key from dialog state)', async () => {
    const world = makeWorld();
    const client = dialogClient(new FinePayDialog(world.deps), { decisionNumber: liNa.decision }, [loseReplyOnce('缴款成功')]);
    await play(client, [['交罚款', ['合计应缴：200.00元']]]);
    await expect(client.sendActivity('是')).rejects.toThrow('connection lost');
    const [first] = paymentsOf(world, liNa.decision);
    // The turn failed after paying, so the dialog is still at the confirmation: the retry replays the same payment.
    await play(client, [['是', [`支付单号：${first?.payment_id ?? '?'}`]]]);
    expect(paymentsOf(world, liNa.decision)).toHaveLength(1);
  });

  it('says it was already paid when the platform reports a replayed payment (paid elsewhere meanwhile)', async () => {
    const world = makeWorld();
    const client = dialogClient(new FinePayDialog(world.deps), { decisionNumber: liNa.decision });
    await play(client, [['交罚款', ['确认现在缴纳200.00元吗？']]]);
    const elsewhere = await world.platform.violations.pay(liNa.decision, 20000, 'other-channel-1');
    await play(client, [['是', [`决定书320100123456789此前已经缴清（11月25日（周三） 10:00，200.00元，支付单号${elsewhere.paymentId}），这次没有重复扣款。`]]]);
    expect(paymentsOf(world, liNa.decision)).toHaveLength(1);
  });

  it.each([
    ['2026-10-10', '尚在缴款期限内，没有滞纳金。', '100.00元'],
    ['2026-10-16', '尚在缴款期限内，没有滞纳金。', '100.00元'],
    ['2026-10-17', '已逾期1天，滞纳金：3.00元（每天加处罚款的3%）', '103.00元'],
    ['2026-11-01', '已逾期16天，滞纳金：48.00元（每天加处罚款的3%）', '148.00元'],
    ['2026-11-18', '已逾期33天，滞纳金：99.00元（每天加处罚款的3%）', '199.00元'],
    ['2026-11-19', '已逾期34天，滞纳金：100.00元（每天加处罚款的3%，最多不超过罚款数额，已到上限）', '200.00元'],
  ])('on %s the late fee is: %s (total %s), and that is what is charged', async (day, lateLine, total) => {
    const world = makeWorld(`${day}T10:00:00+08:00`);
    const client = dialogClient(new FinePayDialog(world.deps), entitiesOf(world, `缴纳决定书${liNa.decision}`, day));
    await play(client, [
      ['缴纳罚款', [`${lateLine}\n合计应缴：${total}\n确认现在缴纳${total}吗？`]],
      ['好的', [`缴款金额：${total}`]],
    ]);
    expect(paymentsOf(world, liNa.decision).map((p) => (p.amount_fen / 100).toFixed(2))).toEqual([total.replace('元', '')]);
  });

  it('asks for the number, explains bad and unknown numbers, keeps the decision through an unclear answer, and pays nothing on 否', async () => {
    const world = makeWorld();
    const client = dialogClient(new FinePayDialog(world.deps));
    await play(client, [
      ['我要交罚款', ['请问要办理哪一项？ [处理违法记录|凭决定书编号缴罚款]']],
      ['3', ['请点选一项，或回复序号：1 处理违法记录，2 凭决定书编号缴罚款。']],
      ['2', ['请输入处罚决定书编号（15或16位数字，印在决定书上方）：']],
      ['12345', ['决定书编号是15或16位数字，请重新输入：']],
      ['320100999999999', ['没有查到这个决定书编号，请核对后再试。', '请核对后重新输入决定书编号（15或16位数字）：']],
      ['编号是320100123456789', ['合计应缴：200.00元']],
      ['嗯？', ['请回复「是」确认缴纳决定书320100123456789的200.00元，或回复「否」暂不缴纳；要缴另一份决定书，请直接发送它的编号。 [是|否]']],
      ['否', ['好的，这次没有缴款。决定书320100123456789已经逾期，滞纳金每天都在增加（最多与罚款数额相同），请尽快缴纳。']],
    ]);
    expect(paymentsOf(world, liNa.decision)).toHaveLength(0);
  });

  it('gives up after three unknown numbers and points to a person', async () => {
    const world = makeWorld();
    const client = dialogClient(new FinePayDialog(world.deps), { path: 'pay' });
    await play(client, [
      ['交罚款', ['请输入处罚决定书编号']],
      ['320100999999991', ['没有查到这个决定书编号', '请核对后重新输入']],
      ['320100999999992', ['没有查到这个决定书编号', '请核对后重新输入']],
      ['320100999999993', ['没有查到这个决定书编号', '还是没有查到这份决定书。请核对纸质决定书上的编号，或回复「人工」转人工客服，也可拨打12123。']],
    ]);
  });

  it('pays in English with the figures to the fen', async () => {
    const world = makeWorld('2026-10-17T09:00:00+08:00');
    const client = dialogClient(new FinePayDialog(world.deps));
    await play(client, [
      ['I want to pay a fine', ['What would you like to do? [Handle a violation|Pay a fine by decision number]']],
      ['Pay a fine by decision number', ['Please enter the penalty decision number']],
      [liNa.decision, [
        'Penalty decision: 320100123456789 (苏A***45)\nFine: ¥100.00\nIssued: Thu 1 Oct\nDue: Fri 16 Oct (inclusive)\nDays overdue: 1, late fee: ¥3.00 (3% of the fine per day)\nTotal due: ¥103.00\nPay ¥103.00 now? (decision 320100123456789) [Yes|No]',
      ]],
      ['yes', [/^Payment successful\.\nDecision number: 320100123456789\nAmount: ¥103\.00 \(fine ¥100\.00, late fee ¥3\.00\)\nPaid at: Sat 17 Oct 09:00\nPayment ID: PAY\d{10}$/]],
    ]);
  });

  it.each([
    ['the number alone', '320100200000001'],
    ['the number in a sentence', '不对，我要交的是320100200000001这一份'],
  ])('a different decision number typed at the confirmation (%s) switches to that decision and confirms it by its number, never paying the first', async (_what, typed) => {
    const world = makeWorld();
    // A second unpaid decision of hers: the parking violation handled today (150.00元, no late fee).
    const parking = await world.platform.violations.handle(liNa.idNumber, liNa.violations.parking, 'handle-parking');
    expect(parking.decisionNumber).toBe('320100200000001');
    const client = dialogClient(new FinePayDialog(world.deps), entitiesOf(world, '交罚款，决定书320100123456789'));
    await play(client, [
      ['交罚款，决定书320100123456789', [/^处罚决定书：320100123456789[\s\S]*确认现在缴纳200\.00元吗？（决定书320100123456789） \[是\|否\]$/]],
      [typed, [/^处罚决定书：320100200000001（苏A\*\*\*45）\n罚款：150\.00元[\s\S]*确认现在缴纳150\.00元吗？（决定书320100200000001） \[是\|否\]$/]],
      ['嗯？', ['请回复「是」确认缴纳决定书320100200000001的150.00元']],
      ['是', [/^缴款成功。\n决定书编号：320100200000001\n缴款金额：150\.00元/]],
    ]);
    expect(paymentsOf(world, liNa.decision)).toEqual([]);
    expect(paymentsOf(world, '320100200000001')).toEqual([{ payment_id: expect.stringMatching(/^PAY/), amount_fen: 15000 }]);
  });

  it('the same decision number typed at the confirmation shows it again and pays it once', async () => {
    const world = makeWorld();
    const client = dialogClient(new FinePayDialog(world.deps), entitiesOf(world, '交罚款，决定书320100123456789'));
    await play(client, [
      ['交罚款，决定书320100123456789', ['确认现在缴纳200.00元吗？（决定书320100123456789）']],
      ['320100123456789', ['确认现在缴纳200.00元吗？（决定书320100123456789）']],
      ['是', ['缴款成功。\n决定书编号：320100123456789']],
    ]);
    expect(paymentsOf(world, liNa.decision)).toHaveLength(1);
  });
});

import { PERSONAS, type World } from '../../harness';
import type { Fixture } from '../runMatrix';

/** Payments beyond the seeded one (李娜's decision 320100123400815, paid in August). */
async function paid(w: World): Promise<boolean> {
  return (w.db.prepare('SELECT COUNT(*) AS n FROM payments').get() as { n: number }).n > 1;
}
/** Decisions beyond the two seeded ones: a violation was handled. */
async function handled(w: World): Promise<boolean> {
  return (w.db.prepare('SELECT COUNT(*) AS n FROM decisions').get() as { n: number }).n > 2;
}
async function handledOrPaid(w: World): Promise<boolean> {
  return (await handled(w)) || (await paid(w));
}

/** 李娜's second car, registered today with the plate 苏A6M888 (no violations). */
async function secondCar(w: World): Promise<void> {
  const vin = 'LFV2A21K3R3112233';
  w.admin.addVehicle(vin, PERSONAS.liNa.idNumber, 'fuel');
  await w.platform.plates.checkPatterns(PERSONAS.liNa.idNumber, vin, ['苏A6M888']);
  await w.platform.plates.reserve(PERSONAS.liNa.idNumber, vin, '苏A6M888', 'matrix-second-car');
  w.admin.registerVehicle(vin);
}

const HANDLE_LIST = { 'zh-CN': '苏A12345有以下待办事项', en: 'Here is what is waiting to be done for 苏A12345' };
const HANDLE_CONFIRM = { 'zh-CN': '确认网上处理这条违法吗', en: 'Handle this violation online?' };
const PLATE_QUESTION = { 'zh-CN': '请输入要查询的号牌号码', en: 'Please enter the licence plate' };
const WAY_QUESTION = { 'zh-CN': '请选择查询方式', en: 'How would you like to look up violations?' };
const PARKING = { 'zh-CN': '处理苏A12345的违章', en: 'handle the violations of 苏A12345' };

/**
 * How the prompt × act matrix reaches each question of the fines flows (on Wed 25 Nov 2026): 李娜 (苏A12345, VIN
 * …123456; speeding, parking and red light unprocessed, decision 320100123456789 40 days overdue, 200.00元) for
 * her own car; 张伟 (bound, no vehicle) where the way of looking up is asked.
 */
export const FINES_REACH: Record<string, Fixture> = {
  'fineQuery.wayPrompt': {
    persona: 'zhangWei',
    say: { 'zh-CN': ['查违章'], en: ['check traffic violations'] },
    marker: WAY_QUESTION,
    done: handledOrPaid,
    pick: { index: 1, partial: { 'zh-CN': '按号牌查', en: 'by plate' }, expect: PLATE_QUESTION },
  },
  'fineQuery.vehiclePrompt': {
    persona: 'liNa',
    // A second car of hers with a plate (苏A6M888), so two plates are offered: [苏A12345|苏A6M888|我名下全部车辆|其他车辆].
    setup: secondCar,
    say: { 'zh-CN': ['查违章'], en: ['check my traffic violations'] },
    marker: { 'zh-CN': '要查哪辆车的违法记录？ [苏A12345|苏A6M888|', en: "Which vehicle's violations would you like to see? [苏A12345|苏A6M888|" },
    done: handledOrPaid,
    pick: { index: 3, partial: { 'zh-CN': '其他车辆', en: 'another vehicle' }, expect: PLATE_QUESTION },
    ambiguous: { 'zh-CN': '苏A那辆', en: 'the 苏A one' },
    any: { 'zh-CN': '苏A12345共有5条违法记录', en: '苏A12345 has 5 violation records' },
  },
  'fineQuery.platePrompt': {
    persona: 'zhangWei',
    say: { 'zh-CN': ['查违章', '2'], en: ['check traffic violations', '2'] },
    marker: PLATE_QUESTION,
    done: handledOrPaid,
    value: { say: { 'zh-CN': '苏A12345', en: 'the plate is 苏A12345' }, expect: { 'zh-CN': '请输入苏A12345的车架号（VIN）后6位', en: 'last 6 characters of the VIN of 苏A12345' } },
    back: WAY_QUESTION,
  },
  'fineQuery.vinTailPrompt': {
    persona: 'zhangWei',
    say: { 'zh-CN': ['查一下苏A12345有没有违章'], en: ['check violations of 苏A12345'] },
    marker: { 'zh-CN': '请输入苏A12345的车架号（VIN）后6位', en: 'last 6 characters of the VIN of 苏A12345' },
    done: handledOrPaid,
    value: { say: { 'zh-CN': '车架号后六位是123456', en: 'it ends 123456' }, expect: { 'zh-CN': '苏A12345共有5条违法记录', en: '苏A12345 has 5 violation records' } },
    correct: { say: { 'zh-CN': '不对，是苏A54321', en: 'sorry, the plate is 苏A54321' }, expect: { 'zh-CN': '请输入苏A54321的车架号（VIN）后6位', en: 'last 6 characters of the VIN of 苏A54321' } },
    back: PLATE_QUESTION,
  },
  'fineQuery.offerPrompt': {
    persona: 'liNa',
    say: { 'zh-CN': ['查我自己车的违章'], en: ['violations of my own car'] },
    marker: { 'zh-CN': '要办理哪一条？', en: 'Which one would you like to deal with?' },
    done: handledOrPaid,
    pick: { index: 3, partial: { 'zh-CN': '停车那个', en: 'the parking one' }, expect: { 'zh-CN': '确认网上处理这条违法吗？\n时间：11月10日（周二）', en: 'Handle this violation online?\nWhen: Tue 10 Nov' } },
    ambiguous: { 'zh-CN': '超速那条', en: 'the speeding one' },
  },
  'finePay.pathPrompt': {
    persona: 'liNa',
    say: { 'zh-CN': ['我要交罚款'], en: ['I want to pay a fine'] },
    marker: { 'zh-CN': '请问要办理哪一项？', en: 'What would you like to do?' },
    done: handledOrPaid,
    pick: { index: 1, partial: { 'zh-CN': '凭决定书编号', en: 'by decision number' }, expect: { 'zh-CN': '请输入处罚决定书编号', en: 'Please enter the penalty decision number' } },
  },
  'finePay.decision.numberPrompt': {
    persona: 'liNa',
    say: { 'zh-CN': ['我要交罚款', '2'], en: ['I want to pay a fine', '2'] },
    marker: { 'zh-CN': '请输入处罚决定书编号', en: 'Please enter the penalty decision number' },
    done: paid,
    value: { say: { 'zh-CN': '编号是320100123456789', en: 'it is 320100123456789' }, expect: { 'zh-CN': '确认现在缴纳200.00元吗？（决定书320100123456789）', en: 'Pay ¥200.00 now? (decision 320100123456789)' } },
  },
  'finePay.decision.confirmPrompt': {
    persona: 'liNa',
    // A second unpaid decision of hers (the parking handled today, 150.00元) to switch to.
    setup: async (w) => { await w.platform.violations.handle(PERSONAS.liNa.idNumber, PERSONAS.liNa.violations.parking, 'matrix-parking'); },
    say: { 'zh-CN': ['交罚款，决定书320100123456789'], en: ['pay the fine, decision 320100123456789'] },
    marker: { 'zh-CN': '确认现在缴纳200.00元吗？（决定书320100123456789）', en: 'Pay ¥200.00 now? (decision 320100123456789)' },
    done: paid,
    affirm: { expect: { 'zh-CN': '缴款成功。\n决定书编号：320100123456789\n缴款金额：200.00元', en: 'Payment successful.\nDecision number: 320100123456789\nAmount: ¥200.00' }, done: true },
    correct: { say: { 'zh-CN': '不对，我要交的是320100200000001这一份', en: 'no, I mean decision 320100200000001' }, expect: { 'zh-CN': '确认现在缴纳150.00元吗？（决定书320100200000001）', en: 'Pay ¥150.00 now? (decision 320100200000001)' } },
  },
  'finePay.handle.itemPrompt': {
    persona: 'liNa',
    say: { 'zh-CN': [PARKING['zh-CN']], en: [PARKING.en] },
    marker: HANDLE_LIST,
    done: handledOrPaid,
    pick: { index: 1, partial: { 'zh-CN': '停车那个', en: 'the parking one' }, expect: { 'zh-CN': '确认网上处理这条违法吗？\n时间：11月10日（周二）', en: 'Handle this violation online?\nWhen: Tue 10 Nov' } },
    ambiguous: { 'zh-CN': '罚款200', en: 'fine ¥200' },
  },
  'finePay.handle.confirmPrompt': {
    persona: 'liNa',
    say: { 'zh-CN': [PARKING['zh-CN'], '停车那个'], en: [PARKING.en, 'the parking one'] },
    marker: HANDLE_CONFIRM,
    done: handled,
    affirm: { expect: { 'zh-CN': '已处理。处罚决定书编号：320100200000001', en: 'Done. Penalty decision number: 320100200000001' }, done: true },
    back: HANDLE_LIST,
  },
  'finePay.handle.payNowPrompt': {
    persona: 'liNa',
    say: { 'zh-CN': [PARKING['zh-CN'], '停车那个', '是'], en: [PARKING.en, 'the parking one', 'yes'] },
    marker: { 'zh-CN': '现在就缴纳这份决定书的罚款150.00元吗', en: 'Would you like to pay this fine of ¥150.00 now?' },
    done: paid,
    affirm: { expect: { 'zh-CN': '缴款成功。\n决定书编号：320100200000001\n缴款金额：150.00元', en: 'Payment successful.\nDecision number: 320100200000001\nAmount: ¥150.00' }, done: true },
  },
};

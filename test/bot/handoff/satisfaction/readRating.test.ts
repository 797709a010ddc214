import { readRating, saysSkip } from '../../../../bot/handoff/satisfaction/readRating';

/** What the citizen answers at 「请为本次人工服务打分（1-5分…）」 → how it reads (score, r = it says more: kept as the comment). */
const TABLE: Array<[string, string]> = [
  // digits, as typed or as the buttons send them (WeChat maps 「5」 to the fifth choice, which is 5 too)
  ['5', '5'], ['１', '1'], ['3!', '3'], ['5分', '5'], ['5 分', '5'], ['打5分', '5'], ['给你们打4分吧', '4'], ['五分', '5'], ['五星', '5'],
  ['4星', '4'], ['两分', '2'], ['5分 非常满意', '5'], ['1分 很不满意', '1'], ['4/5', '4'], ['4 out of 5', '4'], ['5 stars', '5'],
  ['rate it 3', '3'], ['five', '5'], ['3 okay', '3'], ['5 very satisfied', '5'], ['给5', '5'], ['5分？', '5'],
  // stars
  ['⭐⭐⭐⭐⭐', '5'], ['★★★☆☆', '3'], ['⭐️⭐️⭐️⭐️', '4'], ['★', '1'],
  // words
  ['非常满意', '5'], ['很满意', '5'], ['满意', '4'], ['还行', '3'], ['一般', '3'], ['不满意', '2'], ['很差', '1'], ['太差了', '1'],
  ['很不满意', '1'], ['不太满意', '2'], ['还不错', '4'], ['挺好的', '4'], ['差', '2'], ['我觉得还行吧', '3'], ['非常满意，谢谢', '5'],
  ['very satisfied', '5'], ['satisfied', '4'], ['not bad', '4'], ['not satisfied', '2'], ['terrible', '1'], ['average', '3'], ['excellent!', '5'],
  ['bad', '2'], ['very bad', '1'],
  // a score with more: the rest is the comment
  ['不满意，等了半小时才有人回', '2r'], ['非常满意，客服很耐心', '5r'], ['5分，王客服讲得很清楚', '5r'], ['very good, the agent explained everything', '5r'],
  // skip
  ['跳过', 'skip'], ['不评了', 'skip'], ['不用了，谢谢', 'skip'], ['算了', 'skip'], ['skip', 'skip'], ['no thanks', 'skip'], ['不想评价', 'skip'],
  // neither
  ['帮我约科目二', '-'], ['10分', '-'], ['0', '-'], ['6', '-'], ['4.5分', '-'], ['等了五分钟', '-'], ['一般多久能办好？', '-'], ['好的', '-'],
  ['科目2', '-'], ['我扣了几分？', '-'], ['帮我打一下电话', '-'], ['十分钟', '-'], ['苏A12345', '-'], ['ok', '-'], ['', '-'], ['不好意思', '-'],
];

describe('readRating: the answer to the satisfaction question', () => {
  it.each(TABLE)('%s → %s', (text, expected) => {
    const a = readRating(text);
    const got = !a ? '-' : a.kind === 'skip' ? 'skip' : `${a.score}${a.remark ? 'r' : ''}`;
    expect(got).toBe(expected);
  });
});

describe('saysSkip: no rating, no comment', () => {
  it.each([
    ['跳过', true], ['不评了', true], ['不需要评价', true], ['没有了', true], ['没什么要说的', true], ['不用了谢谢', true], ['再见', true], ['no comment', true],
    ["that's all, thanks", true], ['没有意见', true],
    ['没有人接电话', false], ['客服很好', false], ['不满意', false], ['帮我约科目二', false],
  ] as const)('%s → %s', (text, expected) => {
    expect(saysSkip(text)).toBe(expected);
  });
});

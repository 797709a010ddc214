import { extractAmounts } from '../../../nlu-models/entities/amount';

const found = (text: string) => extractAmounts(text).map((e) => [e.value, e.text]);

describe('extractAmounts', () => {
  it.each<[string, Array<[string, string]>]>([
    ['200元', [['200', '200元']]],
    ['罚款200块', [['200', '200块']]],
    ['交了150块钱', [['150', '150块钱']]],
    ['100圆', [['100', '100圆']]],
    ['200.5元', [['200.5', '200.5元']]],
    ['200.50元', [['200.5', '200.50元']]],
    ['200.00元', [['200', '200.00元']]],
    ['1,200元', [['1200', '1,200元']]],
    ['1.5万元', [['15000', '1.5万元']]],
    ['两百块', [['200', '两百块']]],
    ['一百五十元', [['150', '一百五十元']]],
    ['一百五块', [['150', '一百五块']]],
    ['贰佰元整', [['200', '贰佰元']]],
    ['两块五', [['2.5', '两块五']]],
    ['¥200', [['200', '¥200']]],
    ['￥ 99.9', [['99.9', '￥ 99.9']]],
    ['RMB200', [['200', 'RMB200']]],
    ['the fine is 200 yuan', [['200', '200 yuan']]],
    ['200 RMB', [['200', '200 RMB']]],
    ['pay 150rmb now', [['150', '150rmb']]],
    ['200元和150元', [['200', '200元'], ['150', '150元']]],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    ['a bare number', '罚款200'],
    ['a count with another measure word', '扣3分'],
    ['一块去 means "go together"', '我们一块去'],
    ['一块儿', '一块儿'],
    ['元旦 is New Year\'s Day', '1元旦'],
    ['a plate is not money', '两块车牌'],
    ['a piece of land is not money', '一块地'],
    ['yuan glued to letters', '200yuanx'],
  ])('does not extract: %s (%s)', (_why, text) => {
    expect(extractAmounts(text)).toEqual([]);
  });
});

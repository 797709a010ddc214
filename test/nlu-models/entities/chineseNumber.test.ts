import { parseChineseNumber } from '../../../nlu-models/entities/chineseNumber';

describe('parseChineseNumber', () => {
  it.each<[string, number]>([
    ['零', 0],
    ['一', 1],
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十三', 23],
    ['一十二', 12],
    ['一百', 100],
    ['两百', 200],
    ['一百五', 150],
    ['一百五十', 150],
    ['一百零五', 105],
    ['一千零五', 1005],
    ['一千二', 1200],
    ['三千零二十', 3020],
    ['一万', 10000],
    ['一万五', 15000],
    ['两万零五百', 20500],
    ['三千万', 30000000],
    ['壹佰伍拾', 150],
    ['贰拾', 20],
    ['叁仟肆佰', 3400],
    ['二零二六', 2026],
    ['二〇二六', 2026],
    ['九', 9],
  ])('%s → %d', (input, expected) => {
    expect(parseChineseNumber(input)).toBe(expected);
  });

  it.each(['', '一二百', '百十千', '十十', '一万万', '五零百', '12', '二十a', '三个'])('rejects %p', (input) => {
    expect(parseChineseNumber(input)).toBeUndefined();
  });
});

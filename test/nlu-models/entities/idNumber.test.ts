import { extractIdNumbers } from '../../../nlu-models/entities/idNumber';

const found = (text: string) => extractIdNumbers(text).map((e) => [e.value, e.start, e.end]);

describe('extractIdNumbers', () => {
  it.each<[string, Array<[string, number, number]>]>([
    ['320102199003071239', [['320102199003071239', 0, 18]]],
    ['我身份证320583198512240024', [['320583198512240024', 4, 22]]],
    ['11010519491231002X', [['11010519491231002X', 0, 18]]],
    ['id: 11010519491231002x please', [['11010519491231002X', 4, 22]]],
    ['张伟320102199003071239和李娜320583198512240024', [['320102199003071239', 2, 20], ['320583198512240024', 23, 41]]],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    ['one digit changed (bad check character)', '320102199003071238'],
    ['one digit changed in the body', '320102199003071339'],
    ['X check character where a digit is due', '32058319851224002X'],
    ['valid checksum but birth date 19900230 does not exist', '320102199002301231'],
    ['birth month 13', '110105194913310029'],
    ['17 digits', '32010219900307123'],
    ['19 digits', '3201021990030712390'],
    ['inside a longer alphanumeric run', 'A320102199003071239'],
  ])('does not extract: %s (%s)', (_why, text) => {
    expect(extractIdNumbers(text)).toEqual([]);
  });
});

import { extractPhones } from '../../../nlu-models/entities/phone';

const found = (text: string) => extractPhones(text).map((e) => [e.value, e.text, e.start]);

describe('extractPhones', () => {
  it.each<[string, Array<[string, string, number]>]>([
    ['13912345678', [['13912345678', '13912345678', 0]]],
    ['我的手机号是13812345678', [['13812345678', '13812345678', 6]]],
    ['139-1234-5678', [['13912345678', '139-1234-5678', 0]]],
    ['电话 139 1234 5678 谢谢', [['13912345678', '139 1234 5678', 3]]],
    ['+8613712345678', [['13712345678', '+8613712345678', 0]]],
    ['call +86 139-1234-5678', [['13912345678', '+86 139-1234-5678', 5]]],
    ['86 15912345678', [['15912345678', '86 15912345678', 0]]],
    ['19912345678或16612345678', [['19912345678', '19912345678', 0], ['16612345678', '16612345678', 12]]],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    ['second digit 2', '12912345678'],
    ['second digit 0', '10012345678'],
    ['10 digits', '1391234567'],
    ['12 digits', '139123456789'],
    ['inside a longer digit run', '0013912345678'],
    ['inside an ID number', '320583198512240024'],
    ['mixed separators', '139-1234 5678'],
    ['glued to letters', 'AB13912345678'],
  ])('does not extract: %s (%s)', (_why, text) => {
    expect(extractPhones(text)).toEqual([]);
  });
});

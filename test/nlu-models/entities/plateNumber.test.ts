import { extractPlateNumbers } from '../../../nlu-models/entities/plateNumber';

const found = (text: string) => extractPlateNumbers(text).map((e) => [e.value, e.text, e.start, e.end]);

describe('extractPlateNumbers', () => {
  it.each<[string, Array<[string, string, number, number]>]>([
    ['苏A12345', [['苏A12345', '苏A12345', 0, 7]]],
    ['帮我交苏A12345的罚款', [['苏A12345', '苏A12345', 3, 10]]],
    ['苏 a·12345', [['苏A12345', '苏 a·12345', 0, 9]]],
    ['苏A·12345', [['苏A12345', '苏A·12345', 0, 8]]],
    ['京A-B1234', [['京AB1234', '京A-B1234', 0, 8]]],
    ['沪c 8u123', [['沪C8U123', '沪c 8u123', 0, 8]]],
    ['浙B.12345查违章', [['浙B12345', '浙B.12345', 0, 8]]],
    ['鲁K•3H521', [['鲁K3H521', '鲁K•3H521', 0, 8]]],
    ['粤bd12345', [['粤BD12345', '粤bd12345', 0, 8]]],
    ['粤B12345F', [['粤B12345F', '粤B12345F', 0, 8]]],
    ['新能源车牌苏AF12345', [['苏AF12345', '苏AF12345', 5, 13]]],
    ['my plate is 川A12345, and 琼B2C3D4', [['川A12345', '川A12345', 12, 19], ['琼B2C3D4', '琼B2C3D4', 25, 32]]],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    ['I in the serial', '苏A1234I'],
    ['O in the serial', '苏AO2345'],
    ['lower-case o in the serial', '苏A1o345'],
    ['I as the authority letter', '苏I12345'],
    ['serial too short', '苏A1234'],
    ['serial too long', '苏A1234567'],
    ['six characters without D/F', '苏A123456'],
    ['D in the middle of six', '苏A12D345'],
    ['unknown province', '港A12345'],
    ['inside a longer run', '苏A12345X9'],
    ['followed by letters', '苏A12345abc'],
    ['no digit (a word, not a serial)', '新ABCDEF'],
    ['no authority letter', '苏123456'],
  ])('does not extract: %s (%s)', (_why, text) => {
    expect(extractPlateNumbers(text)).toEqual([]);
  });
});

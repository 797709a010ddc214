import { extractVins } from '../../../nlu-models/entities/vin';

const found = (text: string) => extractVins(text).map((e) => [e.value, e.text, e.start]);

describe('extractVins', () => {
  it.each<[string, Array<[string, string, number]>]>([
    ['LSVAU2187N2123456', [['LSVAU2187N2123456', 'LSVAU2187N2123456', 0]]],
    ['车架号LGXCE4CB7R0654321', [['LGXCE4CB7R0654321', 'LGXCE4CB7R0654321', 3]]],
    ['my vin is lfv3a28k1r3008821.', [['LFV3A28K1R3008821', 'lfv3a28k1r3008821', 10]]],
    ['LSVAU2187N2123456 / LFV3A28K1R3008821', [['LSVAU2187N2123456', 'LSVAU2187N2123456', 0], ['LFV3A28K1R3008821', 'LFV3A28K1R3008821', 20]]],
    // North American sample VIN whose remainder is 10: the check character is X.
    ['1M8GDM9AXKP042788', [['1M8GDM9AXKP042788', '1M8GDM9AXKP042788', 0]]],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    ['wrong check digit', 'LSVAU2188N2123456'],
    ['one character changed elsewhere', 'LSVAU2187N2123457'],
    ['contains I', 'LSVAI2187N2123456'],
    ['contains O', 'LGXCE4CB7R0654321'.replace('0', 'O')],
    ['contains Q', 'LSVAQ2187N2123456'],
    ['16 characters', 'LSVAU2187N212345'],
    ['18 characters', 'LSVAU2187N21234567'],
    ['inside a longer run', 'XLSVAU2187N2123456'],
    ['digits only', '12345678901234567'],
  ])('does not extract: %s (%s)', (_why, text) => {
    expect(extractVins(text)).toEqual([]);
  });
});

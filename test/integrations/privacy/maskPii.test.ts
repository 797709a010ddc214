import { maskIdNumber } from '../../../integrations/privacy/maskIdNumber';
import { maskPhone } from '../../../integrations/privacy/maskPhone';
import { maskPii } from '../../../integrations/privacy/maskPii';
import { maskPlate } from '../../../integrations/privacy/maskPlate';
import { maskVin } from '../../../integrations/privacy/maskVin';

describe('maskPii', () => {
  it.each([
    // ID numbers: first 6, 8 stars, last 4
    ['11010519491231002X', '110105********002X'],
    ['身份证号11010519491231002x谢谢', '身份证号110105********002x谢谢'],
    ['ID: 320102199003071239.', 'ID: 320102********1239.'],
    // mobile numbers: first 3, 4 stars, last 4
    ['13812345678', '138****5678'],
    ['电话是13912345678，', '电话是139****5678，'],
    ['+86 138-1234-5678', '+86 138-****-5678'],
    ['8613712345678', '86137****5678'],
    ['138 1234 5678', '138 **** 5678'],
    // VINs: first 3, 10 stars, last 4
    ['LSVAU2187N2123456', 'LSV**********3456'],
    ['车架号lgxce4cb7r0654321。', '车架号lgx**********4321。'],
    // plates: province, letter, stars, last two
    ['苏A12345', '苏A***45'],
    ['粤BD12345', '粤B****45'],
    ['我的车是苏A·12345吗', '我的车是苏A·***45吗'],
    ['京a1234学', '京a***4学'],
    // several items in one message
    [
      '我是王强，身份证11010519491231002X，手机13712345678，车LGXCE4CB7R0654321要选苏A12345',
      '我是王强，身份证110105********002X，手机137****5678，车LGX**********4321要选苏A***45',
    ],
    // nothing to mask
    ['我想预约科目二考试', '我想预约科目二考试'],
    ['决定书320100123456789要交200元', '决定书320100123456789要交200元'],
    ['2026年12月15日上午', '2026年12月15日上午'],
    ['订单号1234567890123456789', '订单号1234567890123456789'],
    ['新iPhone15和苏ABCDE', '新iPhone15和苏ABCDE'],
    ['AUTHENTICATEDUSERS', 'AUTHENTICATEDUSERS'],
    ['12345678901', '12345678901'],
    ['', ''],
  ])('%p → %p', (input, expected) => {
    expect(maskPii(input)).toBe(expected);
  });
});

describe('mask helpers', () => {
  it.each([
    [maskIdNumber, '320583198512240024', '320583********0024'],
    [maskIdNumber, '12345', '*****'],
    [maskPhone, '13812345678', '138****5678'],
    [maskPhone, '0086 13812345678', '0086 138****5678'],
    [maskPhone, '12345', '*****'],
    [maskVin, 'LFV3A28K1R3008821', 'LFV**********8821'],
    [maskVin, 'LFV3A28K1R30088', '***************'],
    [maskPlate, '苏N2A3B4', '苏N***B4'],
    [maskPlate, '苏A-D12345', '苏A-****45'],
    [maskPlate, '苏A1', '苏**'],
  ])('%p(%p) → %p', (mask, input, expected) => {
    expect(mask(input)).toBe(expected);
  });
});

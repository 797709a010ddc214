import { maskBareCode } from '../../../integrations/privacy/maskBareCode';

describe('maskBareCode', () => {
  it.each([
    ['520394', '******'], [' 520394 ', '******'], ['2345X6', '******'], ['8123', '******'], ['12345678', '******'],
  ])('a message that is only a code (%p) is hidden', (text, masked) => {
    expect(maskBareCode(text)).toBe(masked);
  });

  it.each([
    ['验证码520394', '验证码******'], ['我的验证码是 8123', '我的验证码是 ******'], ['code: 52039412', 'code: ******'],
    ['收到了 520394 这个', '收到了 ****** 这个'], ['是520394吗', '是******吗'],
  ])('a code inside a sentence (%p) is hidden', (text, masked) => {
    expect(maskBareCode(text)).toBe(masked);
  });

  it.each(['1', '12', '123', '123456789', '好的', '明天上午', '科目二', 'hello', 'cancel', '苏A12345', '决定书320100123456789',
    '2026年12月15日', '罚款200元', '13812345678', 'LSVAU2187N2123456'])(
    'other messages (%p) are left as they are', (text) => {
      expect(maskBareCode(text)).toBe(text);
    });
});

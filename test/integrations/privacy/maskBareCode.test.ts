import { maskBareCode } from '../../../integrations/privacy/maskBareCode';

describe('maskBareCode', () => {
  it.each([
    ['520394', '******'], [' 520394 ', '******'], ['2345X6', '******'], ['8123', '******'], ['12345678', '******'],
  ])('a message that is only a code (%p) is hidden', (text, masked) => {
    expect(maskBareCode(text)).toBe(masked);
  });

  it.each(['1', '12', '123', '123456789', '好的', '明天上午', '科目二', 'hello', 'cancel', '验证码520394', '苏A12345'])(
    'other messages (%p) are left as they are', (text) => {
      expect(maskBareCode(text)).toBe(text);
    });
});

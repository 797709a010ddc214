import { BINDING_PROMPTS } from '../../../../dialogs/identity/prompts';
import { PERSONAS, TEST_USER, type World } from '../../harness';
import type { Fixture } from '../runMatrix';

const bound = async (w: World): Promise<boolean> => (await w.platform.identity.getBinding(TEST_USER)) !== null;
const unbound = async (w: World): Promise<boolean> => !(await bound(w));
const BOOK = { 'zh-CN': ['约科目二'], en: ['book test 2'] };

/** The binding questions run inside every service that needs a bound identity: the account matrix covers them. */
export const BINDING_QUESTIONS = Object.values(BINDING_PROMPTS);

/** How the prompt × act matrix reaches the account's and binding's questions (a visitor booking an exam binds first). */
export const ACCOUNT_REACH: Record<string, Fixture> = {
  'account.unbind.confirm': {
    persona: 'liNa',
    say: { 'zh-CN': ['解除绑定'], en: ['unbind my account'] },
    marker: { 'zh-CN': '确认解除与', en: 'Remove the binding' },
    done: unbound,
    affirm: { expect: { 'zh-CN': '已解除与', en: 'has been removed' }, done: true },
  },
  'binding.idNumberPrompt': {
    persona: null,
    say: BOOK,
    marker: { 'zh-CN': '请输入你的18位身份证号', en: 'resident ID number' },
    done: bound,
    value: { say: { 'zh-CN': `身份证 ${PERSONAS.zhangWei.idNumber.replace(/(\d{6})(\d{8})/, '$1 $2 ')}`, en: `my ID is ${PERSONAS.zhangWei.idNumber}` }, expect: { 'zh-CN': '请输入身份证上的姓名', en: 'your name as on your ID card' } },
  },
  'binding.namePrompt': {
    persona: null,
    say: { 'zh-CN': ['约科目二', PERSONAS.zhangWei.idNumber], en: ['book test 2', PERSONAS.zhangWei.idNumber] },
    marker: { 'zh-CN': '请输入身份证上的姓名', en: 'your name as on your ID card' },
    done: bound,
    value: { say: { 'zh-CN': `我叫${PERSONAS.zhangWei.name}`, en: `my name is ${PERSONAS.zhangWei.name}` }, expect: { 'zh-CN': '验证码已发送', en: 'A code was sent' } },
  },
  'binding.codePrompt': {
    persona: null,
    say: { 'zh-CN': ['约科目二', PERSONAS.zhangWei.idNumber, PERSONAS.zhangWei.name], en: ['book test 2', PERSONAS.zhangWei.idNumber, PERSONAS.zhangWei.name] },
    marker: { 'zh-CN': '验证码已发送', en: 'A code was sent' },
    done: bound,
    // The code itself is not known ahead; asking for it again is an answer here too (the resend interval applies).
    value: { say: { 'zh-CN': '没收到', en: "I didn't get the code" }, expect: { 'zh-CN': '60秒后才能再发', en: 'a new one can be sent in 60 seconds' } },
  },
};

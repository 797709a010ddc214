import { BINDING_PROMPTS } from '../../../../dialogs/identity/prompts';
import { matrixCells, type Fixture } from '../../matrix/runMatrix';
import { PERSONAS, TEST_USER, type World } from '../../harness';

const { liNa } = PERSONAS;
const isBound = async (w: World) => (await w.platform.identity.getBinding(TEST_USER)) !== null;
const unbound = async (w: World) => (await w.platform.identity.getBinding(TEST_USER)) === null;

/**
 * How the prompt × act matrix reaches the account's question and the binding questions (binding runs inside the
 * services that need a bound identity: reached here through booking an exam, unbound, as 李娜).
 */
const ACCOUNT_REACH: Record<string, Fixture> = {
  'account.unbind.confirm': {
    persona: 'liNa',
    say: { 'zh-CN': ['解除绑定'], en: ['unbind my identity'] },
    marker: { 'zh-CN': '确认解除与 李*（320583********0024）的绑定吗', en: 'Remove the binding to 李* (320583********0024)?' },
    done: unbound,
    affirm: { expect: { 'zh-CN': '已解除与 李*（320583********0024）的绑定', en: 'The binding to 李* (320583********0024) has been removed' }, done: true },
  },
  'binding.idNumberPrompt': {
    persona: null,
    say: { 'zh-CN': ['预约考试'], en: ['book a driving test'] },
    marker: { 'zh-CN': '请输入你的18位身份证号', en: 'Please enter your 18-character resident ID number' },
    done: isBound,
    value: { say: { 'zh-CN': '3205 8319 8512 2400 24', en: '320583-19851224-0024' }, expect: { 'zh-CN': '请输入身份证上的姓名', en: 'Please enter your name' } },
  },
  'binding.namePrompt': {
    persona: null,
    say: { 'zh-CN': ['预约考试', liNa.idNumber], en: ['book a driving test', liNa.idNumber] },
    marker: { 'zh-CN': '请输入身份证上的姓名', en: 'Please enter your name' },
    done: isBound,
    value: { say: { 'zh-CN': '我叫李娜', en: 'my name is 李娜' }, expect: { 'zh-CN': '验证码已发送', en: /验证码已发送|A code was sent/ } },
  },
  'binding.codePrompt': {
    persona: null,
    say: { 'zh-CN': ['预约考试', liNa.idNumber, '李娜'], en: ['book a driving test', liNa.idNumber, '李娜'] },
    marker: { 'zh-CN': '请输入6位验证码', en: /请输入6位验证码|Please enter the 6-digit code/ },
    done: isBound,
    value: { say: { 'zh-CN': '没收到', en: "I didn't get the code" }, expect: { 'zh-CN': '60秒后才能再发', en: 'a new one can be sent in 60 seconds' } },
  },
};

describe('prompt × act matrix: account and binding', () => {
  for (const cell of matrixCells('account', ACCOUNT_REACH, Object.values(BINDING_PROMPTS))) it(cell.name, cell.run);
});

import { BindingDialog } from '../../../dialogs/identity/BindingDialog';
import { readCode, readIdNumber, readName, RESEND, saysStopBinding } from '../../../dialogs/identity/readers';
import { dialogClient, latestSmsCode, makeWorld, PERSONAS, play, TEST_USER, type ScriptLine, type World } from '../harness';

const { liNa, zhangWei } = PERSONAS;

/** The newest SMS to a phone, as the citizen would paste it. */
async function latestSms(world: World, phone: string): Promise<string> {
  const [latest] = await world.platform.sms.outbox(phone);
  return latest?.text ?? '';
}

const boundTo = async (world: World) => (await world.platform.identity.getBinding(TEST_USER))?.idNumber ?? null;
/** The clock moved on by some seconds from the test's 10:00. */
const at = (world: World, seconds: number) => world.clock.set(new Date(Date.parse('2026-11-25T10:00:00+08:00') + seconds * 1000).toISOString());

/** Up to the code question for 李娜. */
const UP_TO_CODE: ScriptLine[] = [
  ['绑定身份', ['需要先绑定身份', '请输入你的18位身份证号']],
  [liNa.idNumber, ['请输入身份证上的姓名']],
  ['李娜', ['验证码已发送到你在交管档案中登记的手机138****5678，请输入6位验证码（没收到可以回复「重新发送」）']],
];

describe('BindingDialog: resending the code', () => {
  it.each(['没收到', '重新发送', '再发一次', '没收到验证码，再发一个吧'])(
    '「%s」 too soon: says how long to wait, keeps ID number and name, and the code already sent still binds', async (ask) => {
      const world = makeWorld();
      const client = dialogClient(new BindingDialog(world.deps));
      at(world, 0);
      await play(client, UP_TO_CODE);
      at(world, 20);
      await play(client, [
        [ask, ['验证码刚发到138****5678不久，40秒后才能再发', '请输入6位验证码']],
        [() => latestSmsCode(world, liNa.phone), ['身份绑定成功：李*（320583********0024）']],
      ]);
      expect(await boundTo(world)).toBe(liNa.idNumber);
      expect(await world.platform.sms.outbox(liNa.phone)).toHaveLength(1);
    });

  it('after the interval sends a new code (the old one no longer works), without asking ID number or name again', async () => {
    const world = makeWorld();
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, UP_TO_CODE);
    const first = await latestSmsCode(world, liNa.phone);
    at(world, 30);
    await play(client, [['没收到', ['30秒后才能再发', '请输入6位验证码']]]);
    at(world, 61);
    await play(client, [['重新发送', ['验证码已重新发送到138****5678，请输入新的6位验证码（之前的验证码已作废）']]]);
    const second = await latestSmsCode(world, liNa.phone);
    expect(await world.platform.sms.outbox(liNa.phone)).toHaveLength(2);
    if (first !== second) await play(client, [[first, ['验证码不对，你还可以再试2次']]]);
    await play(client, [[second, ['身份绑定成功：李*（320583********0024）']]]);
    expect(await boundTo(world)).toBe(liNa.idNumber);
  });

  it('a wrong code, then resend, then the right code binds', async () => {
    const world = makeWorld();
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, UP_TO_CODE);
    const sent = await latestSmsCode(world, liNa.phone);
    at(world, 90);
    await play(client, [
      [sent === '000000' ? '111111' : '000000', ['验证码不对，你还可以再试2次']],
      ['短信没收到，麻烦再发一次', ['验证码已重新发送到138****5678']],
      [() => latestSmsCode(world, liNa.phone), ['身份绑定成功']],
    ]);
    expect(await boundTo(world)).toBe(liNa.idNumber);
  });

  it('in English: "I didn\'t get the code" resends', async () => {
    const world = makeWorld();
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, [
      ['bind my identity', ['This service needs your identity to be bound first', 'Please enter your 18-character resident ID number']],
      [liNa.idNumber, ['Please enter your name']],
    ]);
    // A name alone is no language of its own: the reply stays in the language the question was asked in.
    await play(client, [['李娜', ['A code was sent to the phone on your traffic record, 138****5678']]]);
    await play(client, [
      ['resend', [/A code was sent to 138\*{4}5678 only a moment ago; a new one can be sent in 60 seconds.*your ID number and name are kept/, 'Please enter the 6-digit code (no code? say "resend")']],
    ]);
    at(world, 60);
    await play(client, [
      ["I didn't get the code", ['A new code was sent to 138****5678']],
      ['123', ['The code has 6 digits']],
      [() => latestSmsCode(world, liNa.phone), ['Your identity is bound: 李* (320583********0024)']],
    ]);
  });

  it('the hourly limit of codes to one ID number: says until when, and the code question stays open', async () => {
    const world = makeWorld();
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, UP_TO_CODE);
    at(world, 61);
    await play(client, [['重新发送', ['验证码已重新发送']]]);
    at(world, 122);
    await play(client, [['重新发送', ['验证码已重新发送']]]);
    at(world, 183);
    await play(client, [
      ['重新发送', ['这个身份证号一小时内最多发送3次验证码', '请输入6位验证码']],
      [() => latestSmsCode(world, liNa.phone), ['身份绑定成功']],
    ]);
  });

  it('an expired code: says so and how to get a new one, then a resend binds', async () => {
    const world = makeWorld();
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, UP_TO_CODE);
    const old = await latestSmsCode(world, liNa.phone);
    at(world, 6 * 60);
    await play(client, [
      [old, [/^验证码已失效.*回复「重新发送」可以获取新的验证码/]],
      ['重新发送', ['验证码已重新发送']],
      [() => latestSmsCode(world, liNa.phone), ['身份绑定成功']],
    ]);
  });
});

describe('BindingDialog: codes, names and ID numbers as citizens type them', () => {
  it('reads a code inside a sentence', async () => {
    const world = makeWorld();
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, UP_TO_CODE);
    await play(client, [[async () => `验证码是${await latestSmsCode(world, liNa.phone)}`, ['身份绑定成功']]]);
  });

  it('reads the code from the pasted SMS (not the 5 of 5分钟)', async () => {
    const world = makeWorld();
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, UP_TO_CODE);
    await play(client, [[() => latestSms(world, liNa.phone), ['身份绑定成功：李*（320583********0024）']]]);
  });

  it('a code of the wrong length is asked again with the hint, not sent to the platform', async () => {
    const world = makeWorld();
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, UP_TO_CODE);
    await play(client, [
      ['12345', ['验证码是6位数字，请重新输入（没收到可以回复「重新发送」）']],
      ['什么验证码？', [/还是没看懂。例如可以回复：123456（短信里的6位数字；没收到可以回复「重新发送」）[\s\S]*请输入6位验证码.*\[人工\|取消\]$/]],
      [() => latestSmsCode(world, liNa.phone), ['身份绑定成功']],
    ]);
  });

  it.each([
    ['我叫李娜'], ['名字是 李娜'], ['我的名字是李娜。'], ['姓名：李娜'], ['本人李娜'],
  ])('reads the name in 「%s」', async (said) => {
    const world = makeWorld();
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, [
      ['绑定', ['需要先绑定身份', '身份证号']],
      [liNa.idNumber, ['姓名']],
      [said, ['验证码已发送到你在交管档案中登记的手机138****5678']],
    ]);
  });

  it('"my name is Zhang Wei" is read as a name (which the record then checks)', async () => {
    const world = makeWorld();
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, [
      ['bind', ['bound first', 'resident ID number']],
      [zhangWei.idNumber, ['Please enter your name']],
      ['my name is Zhang Wei', ['The ID number and name do not match', 'Please enter your 18-character resident ID number']],
    ]);
  });

  it('reads an ID number typed in groups, with spaces or dashes', async () => {
    const world = makeWorld();
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, [
      ['绑定身份', ['需要先绑定身份', '身份证号']],
      ['3201 0219 9003 0712 39', ['请输入身份证上的姓名']],
      ['我叫张伟', ['验证码已发送到你在交管档案中登记的手机139****5678']],
      [() => latestSmsCode(world, zhangWei.phone), ['身份绑定成功：张*（320102********1239）']],
    ]);
    expect(await boundTo(world)).toBe(zhangWei.idNumber);
  });

  it.each([
    ['3201 0219 9003 0712 38', '这个身份证号的格式或校验位不对'],
    ['3201 0219 9003 0712 3', '身份证号是18位，你输入的是17位，请核对后重新输入（可以带空格）'],
    ['320102 1990 0307 12391', '身份证号是18位，你输入的是19位'],
  ])('says clearly what is wrong with the ID number 「%s」', async (said, why) => {
    const world = makeWorld();
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, [
      ['绑定身份', ['需要先绑定身份', '身份证号']],
      [said, [why]],
      ['我的身份证号是320102-19900307-1239', ['请输入身份证上的姓名']],
    ]);
  });
});

describe('BindingDialog: stopping in binding\'s own words', () => {
  it.each([
    [0, '不绑了'], [1, '先不绑定了'], [2, '算了 不绑了'], [2, "I don't want to bind"],
  ])('at question %i 「%s」 stops binding and says it was not completed', async (at, said) => {
    const world = makeWorld();
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, UP_TO_CODE.slice(0, at + 1));
    await play(client, [[said, [/没有完成身份绑定|Identity binding was not completed/]]]);
    expect(client.dialogTurnResult.status).toBe('complete');
    expect(await boundTo(world)).toBeNull();
  });
});

describe('the binding readers', () => {
  it.each([
    ['不绑了', true], ['我不想绑定了', true], ['先不绑', true], ['算了，不绑了', true], ["don't bind my ID", true], ['skip binding', true],
    ['李娜', false], ['不绑定的话能查吗', false], ['123456', false], ['为什么要绑定', false],
  ])('「%s」 stops binding: %s', (text, expected) => expect(saysStopBinding(text)).toBe(expected));

  it.each([
    ['3201 0219 9003 0712 39', { idNumber: '320102199003071239' }],
    ['320102-19900307-1239', { idNumber: '320102199003071239' }],
    ['身份证 11010519491231002x', { idNumber: '11010519491231002X' }],
    ['320102199003071238', { problem: 'check' }],
    ['3201021990030712399', { problem: 'length', length: 19 }],
    ['不知道', undefined],
  ])('ID number in 「%s」', (text, expected) => expect(readIdNumber(text)).toEqual(expected));

  it.each([
    ['我叫张伟', '张伟'], ['名字是 李娜', '李娜'], ['my name is Zhang Wei', 'Zhang Wei'], ['my name is 李娜', '李娜'], ["I'm Li Na", 'Li Na'], ['李娜', '李娜'],
    ['阿卜杜热依木·买买提', '阿卜杜热依木·买买提'], ['什么意思', undefined], ['我是想问一下', undefined], ['没收到', undefined],
    ['我叫张伟身份证号', undefined], ['啊啊啊', undefined], ['哈哈', undefined], ['aaa', undefined], ['hmmmm', undefined], ['haha', undefined], ['Wang Fang', 'Wang Fang'], ['查记分', '查记分'],
  ])('name in 「%s」', (text, expected) => expect(readName(text)).toBe(expected));

  it.each([
    ['123456', '123456'], ['123 456', '123456'], ['验证码是123456', '123456'],
    ['【交管12123】您的验证码为 654321，5分钟内有效', '654321'],
    ['【江苏公安交管】您正在绑定交管服务账号，验证码384756，5分钟内有效，请勿泄露。', '384756'],
    ['12345', undefined], ['没收到', RESEND], ['重新发送', RESEND], ['再发一次', RESEND], ['resend', RESEND],
    ['send it again please', RESEND], ['hello', undefined],
  ])('code in 「%s」', (text, expected) => expect(readCode(text, 6)).toBe(expected));
});

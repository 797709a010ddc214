import { PointsDialog } from '../../../../dialogs/services/points/PointsDialog';
import { bindAs, dialogClient, latestSmsCode, makeWorld, PERSONAS, play } from '../../harness';

const { liNa, zhangWei, wangQiang } = PERSONAS;

describe('PointsDialog', () => {
  it('tells 李娜 her 6 of 12 points this cycle and what 12 would mean, in Chinese', async () => {
    const world = makeWorld();
    await bindAs(world, liNa);
    const client = dialogClient(new PointsDialog(world.deps));
    await play(client, [
      ['我的驾照扣了几分', [[
        '你本记分周期（3月15日（周日）至2027年3月14日（周日））已记6分，满分12分。',
        '还差6分记满12分。',
        '一个周期内记满12分，驾驶证会被暂扣，需要参加道路交通安全法律法规和相关知识的学习，考试合格后才能恢复驾驶。',
        '另有2条未处理的违法共9分，处理后会计入记分。',
        '周期到2027年3月14日（周日）结束，届时未满12分的，本周期记分清零；但有罚款逾期未缴的，记分会转入下一周期。',
      ].join('\n')]],
    ]);
    expect(client.dialogTurnResult.status).toBe('complete');
  });

  it('answers in English', async () => {
    const world = makeWorld();
    await bindAs(world, liNa);
    const client = dialogClient(new PointsDialog(world.deps));
    await play(client, [
      ['how many points do I have', [
        /^In your current points cycle \(Sun 15 Mar to Sun 14 Mar 2027\) you have 6 of 12 points\.\n6 more points would bring you to 12\.\nReaching 12 points in one cycle suspends your driving licence: you would have to attend a course on road traffic safety law and pass a test before driving again\.\nThere are also 2 unhandled violations with 9 points in total/,
      ]],
    ]);
  });

  it('counts a handled violation: 9 points leave 3', async () => {
    const world = makeWorld();
    await bindAs(world, liNa);
    await world.platform.violations.handle(liNa.idNumber, 'V2026110100031', 'points-test');
    const client = dialogClient(new PointsDialog(world.deps));
    await play(client, [['查记分', [/已记9分，满分12分。\n还差3分记满12分。[\s\S]*另有1条未处理的违法共6分/]]]);
  });

  it('says the licence is suspended pending study and a test at 12 points', async () => {
    const world = makeWorld();
    await bindAs(world, liNa);
    // Handled at a counter (online handling is refused for it): her points reach 12.
    world.db.prepare("INSERT INTO decisions (decision_number, violation_id, issued_on) VALUES ('320100300000001', 'V2026111800051', '2026-11-24')").run();
    const client = dialogClient(new PointsDialog(world.deps));
    await play(client, [['记分查询', [
      /已记12分，满分12分。\n已经记满12分：驾驶证暂扣，需要参加道路交通安全法律法规和相关知识的学习，考试合格后才能恢复驾驶。请携带驾驶证到车管所或交警窗口办理，也可以回复「人工」或拨打12123咨询。\n另有1条未处理的违法共3分/,
    ]]]);
  });

  it('has a kind word for a clean record', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    const client = dialogClient(new PointsDialog(world.deps));
    await play(client, [['我的记分', [/已记0分，满分12分。\n本周期没有记分，请继续保持。\n一个周期内记满12分/]]]);
  });

  it.each([
    ['我的记分', '你目前还没有驾驶证（学员），没有记分记录。记分只针对已取得驾驶证的驾驶人，取得驾驶证后就可以在这里查询。'],
    ['how many points do I have', 'You do not hold a driving licence yet (you are a learner), so there are no points on record.'],
  ])('tells 张伟, a learner, plainly that he has no licence yet and so no points — never "licence not found" (%s)', async (say, answer) => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    const client = dialogClient(new PointsDialog(world.deps));
    await play(client, [[say, [answer]]]);
    expect(answer).not.toMatch(/没有查到|not found|was not found/);
  });

  it('tells a citizen who is neither licensed nor a learner that there are no points, without alarm', async () => {
    const world = makeWorld();
    const citizen = { idNumber: '32010619880101001X', name: '赵敏', phone: '13612345678' };
    world.admin.addCitizen(citizen);
    await bindAs(world, citizen);
    await play(dialogClient(new PointsDialog(world.deps)), [['我的记分', ['你名下目前没有驾驶证，所以没有记分记录。取得驾驶证后就可以在这里查询']]]);
  });

  it('binds first, keeping the request, and a mistyped ID number is explained without starting over', async () => {
    const world = makeWorld();
    const client = dialogClient(new PointsDialog(world.deps));
    await play(client, [
      ['查一下我的记分', ['需要先绑定身份', '请输入你的18位身份证号']],
      ['32058319851224002', [/身份证号.*(格式或校验位不对|18位)/]],
      [liNa.idNumber, ['请输入身份证上的姓名']],
      [liNa.name, ['验证码已发送']],
      [() => latestSmsCode(world, liNa.phone), ['身份绑定成功', /已记6分，满分12分/]],
    ]);
  });
});

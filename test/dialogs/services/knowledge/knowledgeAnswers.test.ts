import { MainDialog } from '../../../../dialogs/main/MainDialog';
import { SERVICE_INDEX } from '../../../../dialogs/services';
import { bindAs, dialogClient, makeWorld, PERSONAS, play, type ScriptLine } from '../../harness';

const main = (world = makeWorld()) => dialogClient(new MainDialog(world.deps, SERVICE_INDEX));
const noCard = (reply: string) => new RegExp(`^(?!.*依据)(?!.*Source:)${reply}`, 's');

describe('rule questions are answered from the cards, with their source (the whole way in: intent model, main loop, answerer)', () => {
  it.each<[string, string, ScriptLine[1]]>([
    ['a points rule with a service word', '闯红灯扣几分', [/^驾驶机动车不按交通信号灯指示通行（闯红灯），一次记6分。[\s\S]*依据《道路交通安全违法行为记分管理办法》第十条第（八）项。以官方最新规定为准。$/]],
    ['what an exam tests', '科目一考什么', [/科目一满分100分，成绩达到90分为合格[\s\S]*依据《机动车驾驶证申领和使用规定》第三十二条/]],
    ['a pass mark', '科目二多少分及格', [/科目二满分100分[\s\S]*80分合格[\s\S]*以官方最新规定为准/]],
    ['a referral: a service the bot does not do', '驾照丢了怎么补', [/补发[\s\S]*依据《机动车驾驶证申领和使用规定》/]],
    ['in English', 'how many points for running a red light', [/^Not following traffic signals \(running a red light\) costs 6 points[\s\S]*Source: Measures on Scoring Road Traffic Violations \(2022\), Art\. 10\(8\)\. The latest official rules prevail\.$/]],
  ])('%s: 「%s」', async (_label, question, replies) => {
    await play(main(), [[question, replies]]);
  });

  it('a question about one\'s own case is answered, then the transaction is offered (a button)', async () => {
    await play(main(), [['我科目二挂了多久能补考', [/补考[\s\S]*以官方最新规定为准。\n要我帮你办吗？点「预约考试」即可。 \[预约考试\]$/]]]);
  });

  it('a request about one\'s own record starts the transaction, not an answer', async () => {
    await play(main(), [['我扣了几分', [/先绑定身份/, /身份证号/]]]);
  });

  it('a question the cards do not answer is referred honestly (12123), never answered with a guess', async () => {
    await play(main(), [['北京今天限行尾号是多少', [noCard('.*')]]]);
    await play(main(), [['电动自行车怎么上牌', [noCard('.*')]]]);
    await play(main(), [['科目二考试有什么技巧啊', [noCard('.*12123')]]]);
  });
});

describe('an accident with injuries: safety first, never a form', () => {
  it('outside a flow: the first steps, 122 and 120', async () => {
    await play(main(), [['出车祸了，有人受伤流血了怎么办', [/^1\. 立即停车[\s\S]*122[\s\S]*120/]]]);
  });

  it('in the middle of a booking: safety advice before anything else, and the booking stops (nothing submitted)', async () => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.zhangWei);
    await play(main(world), [
      ['我要约科目二', [/哪一天|日期|几号/]],
      ['等一下，前面撞车了有人受伤', [/^1\. 立即停车[\s\S]*122[\s\S]*120/, /「预约考试」先停在这里。刚才办理的业务没有提交任何内容。/]],
    ]);
  });
});

describe('a rule question in the middle of a step is a side trip: answered, then the step comes back', () => {
  it('while booking', async () => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.zhangWei);
    await play(main(world), [
      ['我要约科目二', [/哪一天|日期|几号/]],
      ['科目二多少分及格', [/80分合格[\s\S]*以官方最新规定为准/, /好，我们接着刚才的预约考试/, /哪一天|日期|几号/]],
    ]);
  });
});

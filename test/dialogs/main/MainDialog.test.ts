import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { MainDialog } from '../../../dialogs/main/MainDialog';
import { SERVICE_INDEX } from '../../../dialogs/services';
import type { FlowOptions } from '../../../dialogs/shared/FlowOptions';
import { dialogClient, makeWorld, play } from '../harness';

/** A stand-in flow: says which entities it was started with, asks one question, confirms the answer. */
class FakeFlow extends ComponentDialog {
  constructor(id: string, label: string) {
    super(id);
    this.addDialog(new TextPrompt(`${id}.ask`));
    this.addDialog(new WaterfallDialog(`${id}.steps`, [
      async (step: WaterfallStepContext<FlowOptions>) => {
        const ents = (step.options.entities ?? []).map((e) => `${e.entity}=${e.value}`).join(',');
        await step.context.sendActivity(`[${label} start ${ents}]`);
        return step.prompt(`${id}.ask`, { prompt: `[${label} asks]` });
      },
      async (step: WaterfallStepContext<FlowOptions>) => {
        await step.context.sendActivity(`[${label} got ${String(step.result)}]`);
        return step.endDialog();
      },
    ]));
    this.initialDialogId = `${id}.steps`;
  }
}

class OneShotFlow extends ComponentDialog {
  constructor(id: string, label: string) {
    super(id);
    this.addDialog(new WaterfallDialog(`${id}.steps`, [async (step) => {
      await step.context.sendActivity(`[${label} answered]`);
      return step.endDialog();
    }]));
    this.initialDialogId = `${id}.steps`;
  }
}

function mainClient() {
  const world = makeWorld();
  return dialogClient(new MainDialog(world.deps, SERVICE_INDEX, {
    'exam.book': new FakeFlow('examBook', 'exam'),
    'points.query': new OneShotFlow('points', 'points'),
    'fine.pay': new FakeFlow('finePay', 'pay'),
    'plate.select': new FakeFlow('plate', 'plate'),
  }));
}

describe('MainDialog', () => {
  it('greets with the services as buttons', async () => {
    await play(mainClient(), [
      ['你好', [/^你好，我是交管助手.*\[预约考试\|选车牌\|查违章\|交罚款\|查记分\]$/s]],
      ['hello there', [/^Hello, I am the traffic police assistant.*\[Book a driving test\|Choose a plate\|Check violations\|Pay a fine\|My licence points\]$/s]],
    ]);
  });

  it('starts the flow of the understood service with the entities of the first message', async () => {
    await play(mainClient(), [
      ['帮我交苏A12345的罚款', ['[pay start plate_number=苏A12345]', '[pay asks]']],
      ['好', ['[pay got 好]']],
      ['明天上午约科目二', ['[exam start date=2026-11-26,exam_subject=2]', '[exam asks]']],
    ]);
  });

  it('answers another service in the middle of a flow and resumes it', async () => {
    await play(mainClient(), [
      ['我要约考试', ['[exam start ]', '[exam asks]']],
      ['我还有几分', ['[points answered]', '好，我们接着刚才的预约考试：', '[exam asks]']],
      ['明天', ['[exam got 明天]']],
    ]);
  });

  it('takes one detour at a time: a third service replaces the detour, the first service still resumes', async () => {
    await play(mainClient(), [
      ['我要约考试', ['[exam start ]', '[exam asks]']],
      ['帮我交罚款', ['[pay start ]', '[pay asks]']],
      ['我想选个车牌', ['[plate start ]', '[plate asks]']],
      ['随便', ['[plate got 随便]', '好，我们接着刚才的预约考试：', '[exam asks]']],
      ['明天', ['[exam got 明天]']],
    ]);
  });

  it('asking for the interrupted service during a detour ends the detour and goes back to it', async () => {
    await play(mainClient(), [
      ['我要约考试', ['[exam start ]', '[exam asks]']],
      ['帮我交罚款', ['[pay start ]', '[pay asks]']],
      ['我要约考试', ['好，我们接着刚才的预约考试：', '[exam asks]']],
      ['后天', ['[exam got 后天]']],
    ]);
  });

  it('cancels a flow and gives help without losing the flow', async () => {
    await play(mainClient(), [
      ['我要约考试', ['[exam start ]', '[exam asks]']],
      ['你能干啥', [/^我可以帮你办/, '[exam asks]']],
      ['算了不办了', ['已退出「预约考试」。刚才办理的业务没有提交任何内容。']],
      ['取消', ['现在没有正在办理的业务']],
    ]);
  });

  it('asking for a person in the middle of a flow stops the flow and initiates a handoff (Bot Framework protocol)', async () => {
    await play(mainClient(), [
      ['我要约考试', ['[exam start ]', '[exam asks]']],
      ['转人工', ['[handoff.initiate reason=requested intents=exam.book,agent.handoff]']],
      ['明天', [/^没太明白你的意思/]],
    ]);
  });

  it('a complaint goes to a person first, whatever else it says', async () => {
    await play(mainClient(), [
      ['我要投诉窗口民警态度太差', [/\[handoff.initiate reason=complaint/]],
      ['我要约考试', ['[exam start ]', '[exam asks]']],
      ['我要投诉', [/\[handoff.initiate reason=complaint intents=exam.book/]],
    ]);
  });

  it('asks when unsure, and hands over to a person after two misunderstandings in a row', async () => {
    await play(mainClient(), [
      ['今天天气怎么样', [/^没太明白你的意思/]],
      ['帮我订个外卖', [/^抱歉，我还是没有理解你的意思，为你转接人工客服/, '[handoff.initiate reason=misunderstood intents=None,None]']],
      ['股票涨了吗', [/^没太明白你的意思/]],
    ]);
  });

  it('small talk in English is answered in English', async () => {
    await play(mainClient(), [
      ['thank you so much', ["You're welcome"]],
      ['bye bye', ['Goodbye']],
    ]);
  });
});

import { MessageFactory } from 'botbuilder';
import { FakeRequest, OPENID, sleep, textMessage, turnHarness } from './turnHarness';

const apology = { type: 'message', text: '存储故障，这一步没能保存', channelData: { replacesTurnReplies: true } };

describe('WeChatTurn and the storage apology (a reply that replaces the turn’s replies)', () => {
  it('drops the replies gathered before it: only the apology is answered, and the turn’s options are not kept', async () => {
    const h = turnHarness(async (ctx) => {
      await ctx.sendActivity(MessageFactory.suggestedActions(['11月30日', '12月1日'], '请选择日期'));
      await ctx.sendActivity(apology);
    });
    await h.deps.options.save(OPENID, ['查违章']);
    const request = new FakeRequest();
    expect(await h.turn(textMessage('预约科目二', '1'), 'k1', request).run()).toMatchObject({ kind: 'passive' });
    expect(request.offered).toEqual([{ msgtype: 'text', text: { content: apology.text } }]);
    await h.deps.background.idle();
    expect(h.sentTexts()).toEqual([]);
    expect(await h.deps.options.load(OPENID)).toEqual(['查违章']);
  });

  it('cannot take back what already went out through the customer-service API; what follows the apology is kept', async () => {
    const h = turnHarness(async (ctx) => {
      await ctx.sendActivity(MessageFactory.text('第一条'));
      await sleep(400);
      await ctx.sendActivities([apology, MessageFactory.text('之后')]);
    }, 30);
    const request = new FakeRequest();
    expect(await h.turn(textMessage('预约科目二', '2'), 'k2', request).run()).toEqual({ kind: 'success' });
    await h.deps.background.idle();
    expect(h.sentTexts()).toEqual(['第一条', `${apology.text}\n\n之后`]);
    expect(request.offered).toEqual([]);
  });
});

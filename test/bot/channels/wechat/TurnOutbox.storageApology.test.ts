import { MessageFactory } from 'botbuilder';
import type { CustomMessage } from '../../../../integrations/wechat/types';
import { TurnOutbox } from '../../../../bot/channels/wechat/TurnOutbox';

const apology = { type: 'message', text: '存储故障，这一步没能保存', channelData: { replacesTurnReplies: true } };

describe('TurnOutbox and the storage apology (a reply that replaces the turn’s replies)', () => {
  it('drops the replies gathered before it: only the apology is answered, and the turn’s options are not kept', () => {
    const outbox = new TurnOutbox(async () => undefined, () => 'zh-CN');
    outbox.add([MessageFactory.suggestedActions(['11月30日', '12月1日'], '请选择日期')]);
    expect(outbox.replaced).toBe(false);
    outbox.add([apology]);
    expect(outbox.take()).toEqual([apology]);
    expect(outbox.replaced).toBe(true);
  });

  it('cannot take back what already went out through the customer-service API; what follows the apology is kept', async () => {
    const sent: CustomMessage[][] = [];
    const outbox = new TurnOutbox(async (m) => { sent.push(m); }, () => 'zh-CN');
    outbox.add([MessageFactory.text('第一条')]);
    await outbox.goDirect();
    outbox.add([apology, MessageFactory.text('之后')]);
    await outbox.settled();
    expect(sent.map((batch) => batch.map((m) => (m.msgtype === 'text' ? m.text.content : m.msgtype)))).toEqual([['第一条'], [`${apology.text}\n\n之后`]]);
  });
});

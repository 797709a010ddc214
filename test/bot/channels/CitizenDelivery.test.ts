import type { ConversationReference, TurnContext } from 'botbuilder';
import { CitizenDelivery, UnknownChannelError, type Deliver } from '../../../bot/channels/CitizenDelivery';

type Reference = Partial<ConversationReference>;

/** A channel's delivery that records the conversations it was asked to reach. */
function recording(): { deliver: Deliver; reached: string[] } {
  const reached: string[] = [];
  return { reached, deliver: async (reference) => { reached.push(`${reference.channelId}:${reference.conversation?.id}`); } };
}

const logic = async (_ctx: TurnContext): Promise<void> => undefined;
const wechatRef: Reference = { channelId: 'wechat', serviceUrl: '', conversation: { id: 'o_open_1', isGroup: false, name: '', conversationType: '' } };
const emulatorRef: Reference = { channelId: 'emulator', serviceUrl: 'http://localhost:5000', conversation: { id: 'conv-1', isGroup: false, name: '', conversationType: '' } };
const teamsRef: Reference = { ...emulatorRef, channelId: 'msteams', conversation: { id: 'conv-2', isGroup: false, name: '', conversationType: '' } };
const lineRef: Reference = { channelId: 'line', conversation: { id: 'U123', isGroup: false, name: '', conversationType: '' } };

describe('CitizenDelivery: a registry of the channels that reach citizens outside their turns', () => {
  it('each conversation goes to the delivery of its channel; Bot Framework references (a serviceUrl) to the Bot Framework default', async () => {
    const delivery = new CitizenDelivery();
    const wechat = recording();
    const botFramework = recording();
    delivery.register('wechat', wechat.deliver);
    delivery.registerBotFramework(botFramework.deliver);
    await delivery.send(wechatRef, logic);
    await delivery.send(emulatorRef, logic);
    await delivery.send(teamsRef, logic);
    expect(wechat.reached).toEqual(['wechat:o_open_1']);
    expect(botFramework.reached).toEqual(['emulator:conv-1', 'msteams:conv-2']);
  });

  it('a channel nobody registered fails with an error naming it and what is registered, and reaches no other channel', async () => {
    const delivery = new CitizenDelivery();
    const botFramework = recording();
    delivery.registerBotFramework(botFramework.deliver);
    const failed = delivery.send(lineRef, logic);
    await expect(failed).rejects.toBeInstanceOf(UnknownChannelError);
    await expect(failed).rejects.toMatchObject({ code: 'CHANNEL_NOT_REGISTERED' });
    await expect(failed).rejects.toThrow('no delivery for channel "line" in this process (registered: Bot Framework (any channel with a serviceUrl)); is the channel configured?');
    // A WeChat conversation on a process without the WeChat channel: not handed to Bot Framework.
    await expect(delivery.send(wechatRef, logic)).rejects.toThrow('no delivery for channel "wechat"');
    expect(botFramework.reached).toEqual([]);
    await expect(new CitizenDelivery().send(emulatorRef, logic)).rejects.toThrow('(registered: none)');
  });

  it('a channel registers once', () => {
    const delivery = new CitizenDelivery();
    delivery.register('wechat', recording().deliver);
    expect(() => delivery.register('wechat', recording().deliver)).toThrow('a delivery for channel "wechat" is already registered');
    delivery.registerBotFramework(recording().deliver);
    expect(() => delivery.registerBotFramework(recording().deliver)).toThrow('already registered');
  });

  it('a delivery failure of the channel reaches the caller as it is', async () => {
    const delivery = new CitizenDelivery();
    delivery.register('wechat', async () => { throw new Error('WeChat API: 45015 response out of time limit'); });
    await expect(delivery.send(wechatRef, logic)).rejects.toThrow('45015');
  });
});

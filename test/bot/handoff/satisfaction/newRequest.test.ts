import { TestAdapter, TurnContext } from 'botbuilder';
import { newRequestReader } from '../../../../bot/handoff/satisfaction/newRequest';
import { SERVICE_INDEX } from '../../../../dialogs/services';
import { makeWorld } from '../../../dialogs/harness';

/**
 * After the rating question (and at its comment step) a message is either an answer or something for the bot:
 * a service request, a question the bot understands or a service answers, a person, a complaint.
 */
const TABLE: Array<[string, 'request' | 'answer']> = [
  ['帮我约科目二', 'request'],
  ['查一下我的违章', 'request'],
  ['我还有几分？', 'request'],
  ['转人工', 'request'],
  ['我要投诉刚才那个客服', 'request'],
  ['驾照过期了怎么办？', 'request'],
  ['book my road test', 'request'],
  ['客服很耐心，讲得很清楚', 'answer'],
  ['等得太久了，希望多安排点人', 'answer'],
  ['谢谢', 'answer'],
  ['王客服帮我查了违章，态度很好', 'answer'],
  ['回复太慢了', 'answer'],
  ['the agent was very helpful', 'answer'],
  ['还行吧', 'answer'],
  ['再帮我转一下人工客服', 'request'],
  ['人工服务很专业', 'answer'],
  ['你好', 'request'],
  ['hello', 'request'],
];

describe('newRequestReader: a new request instead of a rating or a comment', () => {
  const world = makeWorld();
  const isRequest = newRequestReader(world.deps, SERVICE_INDEX);
  const ctx = (text: string): TurnContext => new TurnContext(new TestAdapter(), { type: 'message', text, channelId: 'test', conversation: { id: 'c', isGroup: false, conversationType: '', name: '' }, from: { id: 'u', name: 'u' }, recipient: { id: 'b', name: 'b' } });

  it.each(TABLE)('%s → %s', (text, expected) => {
    expect(isRequest(ctx(text), text) ? 'request' : 'answer').toBe(expected);
  });
});

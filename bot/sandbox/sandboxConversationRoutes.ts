import { ConversationState, type Storage, type TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { HandoffRecord } from '../../integrations/storage/handoffs';
import { WECHAT_CHANNEL_ID } from '../channels/wechat/toActivity';
import type { Logger } from '../logger';

/** What of the handoff service the route needs: the follower's open handoff, and ending it as the citizen would. */
export interface NewConversationHandoffs {
  openFor(conversationKey: string): Promise<HandoffRecord | undefined>;
  endByCitizen(record: HandoffRecord): Promise<boolean>;
}

/** A conversation the sandbox ended for a fresh start (ops can count what follows as a new conversation). */
export interface NewConversation {
  channelId: string;
  conversationId: string;
  /** Epoch ms (the bot's clock: the sandbox clock in a demo). */
  at: number;
}

export interface SandboxConversationDeps {
  /** The bot's state storage (the conversation's dialog state, the numbered options, the handoff hint live there). */
  storage: Storage;
  handoffs: NewConversationHandoffs;
  now: () => number;
  logger: Logger;
  /** Told of each new conversation started here (ops: a conversation boundary), after the state is gone. */
  onNewConversation?: (c: NewConversation) => void | Promise<void>;
  /** Ends a satisfaction rating asked before (the cleared chat no longer shows its question). */
  withdrawRating?: (conversationKey: string) => Promise<void>;
}

/** Same pattern as the other sandbox follower routes (followerOpenid). */
const OPENID = /^[\w-]{1,64}$/;

/**
 * The dialog state's storage key of a WeChat follower's conversation, as botbuilder's ConversationState builds it
 * (each OpenID is its own conversation: toActivity).
 */
function conversationStateKey(openid: string): string {
  const ctx = { activity: { channelId: WECHAT_CHANNEL_ID, conversation: { id: openid } } } as unknown as TurnContext;
  return new ConversationState({} as Storage).getStorageKey(ctx) ?? '';
}

/**
 * `POST /sandbox/wechat/new-conversation {"openid": "o_sandbox_lina"}` (demo only, next to the messenger's other
 * /sandbox/wechat routes): the messenger's 「清空」 starts a new conversation. WeChat never tells an official account
 * that a follower cleared their chat, so in the sandbox the page says so here: the follower's dialog state (a
 * half-done task, its open question, the language chosen, the last turns' answers), the numbered options last shown
 * and the handoff hint are deleted, and a handoff still open is ended as if the citizen had said 「取消」 (waiting:
 * cancelled; with an agent: closed by the citizen, the agent is told). The follower's binding and consents stay
 * (they are the person's, not the conversation's). Answers `200 { openid, dialogEnded, handoff: 'cancelled' |
 * 'closed' | null }`; `400 FOLLOWER_INVALID` for a missing or malformed openid.
 */
export function sandboxConversationRoutes(d: SandboxConversationDeps): (server: Server) => void {
  return (server) => {
    server.post('/sandbox/wechat/new-conversation', async (req: Request, res: Response) => {
      const body: unknown = req.body;
      const openid = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).openid : undefined;
      if (typeof openid !== 'string' || !OPENID.test(openid)) {
        res.send(400, {
          error: 'openid is required (letters, digits, _ or -, at most 64), e.g. {"openid": "o_sandbox_lina"}', code: 'FOLLOWER_INVALID',
        });
        return;
      }
      const key = conversationStateKey(openid);
      const conversationKey = `${WECHAT_CHANNEL_ID}:${openid}`;
      const had = await d.storage.read([key]);
      const dialogEnded = had[key] !== undefined;
      await d.storage.delete([key, `wechat/options/${openid}`, `handoff/hint/${conversationKey}`]);
      // First the rating asked before the 「清空」 (a 「5」 now is not its answer); ending an agent's conversation below asks anew.
      await d.withdrawRating?.(conversationKey);
      let handoff: 'cancelled' | 'closed' | null = null;
      const open = await d.handoffs.openFor(conversationKey);
      if (open && (await d.handoffs.endByCitizen(open))) handoff = open.status === 'waiting' ? 'cancelled' : 'closed';
      const at = d.now();
      d.logger.info({ channel: WECHAT_CHANNEL_ID, dialogEnded, handoff }, 'sandbox: the follower started a new conversation');
      if (d.onNewConversation) {
        try {
          await d.onNewConversation({ channelId: WECHAT_CHANNEL_ID, conversationId: openid, at });
        } catch (err) {
          d.logger.warn({ err }, 'sandbox: recording a new conversation failed');
        }
      }
      res.send(200, { openid, dialogEnded, handoff });
    });
  };
}

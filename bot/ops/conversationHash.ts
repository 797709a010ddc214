import { createHash } from 'node:crypto';

/**
 * How the operations facts name a conversation: a hash of `<channel>:<conversation id>` (the handoffs' conversationKey),
 * so the figures can tell conversations apart and match them with handoffs without keeping anyone's id.
 */
export function conversationHash(conversationKey: string): string {
  return createHash('sha256').update(`jiaoguan-ops:${conversationKey}`).digest('hex').slice(0, 24);
}

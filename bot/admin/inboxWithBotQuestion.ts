import type { TranscriptStore } from '../../integrations/storage/transcripts';
import type { InboxStore, MisunderstoodMessage } from '../../integrations/storage/training';

/** Transcript lines read back to find the bot's last message. */
const LOOK_BACK = 12;

/**
 * The misunderstood inbox, recording with each message the bot's last message before it (what it had asked),
 * read from the conversation's transcript: admins see the question the citizen was answering. The transcript is
 * read as the message is recorded, before the turn's reply is written, and only lines no later than the message
 * count. A transcript that cannot be read leaves the item without it (recording never fails because of it).
 */
export function inboxWithBotQuestion(inbox: InboxStore, transcripts: Pick<TranscriptStore, 'list'>): InboxStore {
  return {
    open: (limit) => inbox.open(limit),
    item: (id) => inbox.item(id),
    resolve: (id, status, by, at, intent) => inbox.resolve(id, status, by, at, intent),
    record: async (item: MisunderstoodMessage) => {
      const { conversationId, ...rest } = item;
      if (rest.botAsked || !conversationId) return inbox.record(rest);
      const lines = await transcripts.list(conversationId, LOOK_BACK).catch(() => []);
      const asked = lines.filter((l) => l.from === 'bot' && Date.parse(l.timestamp) <= item.at).at(-1);
      return inbox.record(asked ? { ...rest, botAsked: asked.text } : rest);
    },
  };
}

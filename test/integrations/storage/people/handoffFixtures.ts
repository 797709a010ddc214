import type { CitizenSummary, HandoffReason, NewHandoff } from '../../../../integrations/storage/handoffs';

export const CITIZEN: CitizenSummary = {
  label: '张** (已绑定)',
  bound: true,
  name: '张**',
  idNumber: '320583********0024',
  phone: '138****5678',
};

/** A new handoff for the conversation `<channel>:<conversation>` of `key`; its citizen is `user:<key>` unless overridden. */
export function newHandoff(key: string, reason: HandoffReason = 'requested', overrides: Partial<NewHandoff> = {}): NewHandoff {
  const [channelId, conversationId] = key.split(':');
  return {
    conversationKey: key,
    citizenKey: `user:${key}`,
    channelId,
    conversationId,
    reference: JSON.stringify({ channelId, conversation: { id: conversationId }, serviceUrl: 'https://example.test/' }),
    reason,
    citizen: CITIZEN,
    intents: ['exam.book', 'fine.query'],
    locale: 'zh-CN',
    ...overrides,
  };
}

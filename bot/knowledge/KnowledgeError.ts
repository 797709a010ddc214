import type { CardProblem } from '../../nlu-models/knowledge/checkCards';

/** What can go wrong when admins change the knowledge base: a stable code, its HTTP status, a plain message. */
export const KNOWLEDGE_ERRORS = {
  CARD_INVALID: 400,
  NO_SUCH_CARD: 404,
  NO_SUCH_VERSION: 404,
  ALREADY_LIVE: 409,
  NOTHING_TO_PUBLISH: 409,
  NO_SUCH_INBOX_ITEM: 404,
} as const;
export type KnowledgeErrorCode = keyof typeof KNOWLEDGE_ERRORS;

export class KnowledgeError extends Error {
  readonly status: number;
  constructor(readonly code: KnowledgeErrorCode, message: string, readonly problems: readonly CardProblem[] = []) {
    super(message);
    this.name = 'KnowledgeError';
    this.status = KNOWLEDGE_ERRORS[code];
  }
}

import type { Response } from 'restify';
import { translate, type MessageParams } from '../../dialogs/i18n/catalog';

/** Every error the agent console's API answers, by stable code; the Chinese text is agentConsole.error.<code>. */
export const AGENT_ERROR_STATUS = {
  NOT_LOGGED_IN: 401,
  CSRF_INVALID: 403,
  RATE_LIMITED: 429,
  ROUTE_NOT_FOUND: 404,
  HANDOFF_NOT_FOUND: 404,
  NOT_YOURS: 403,
  NOTE_NOT_YOURS: 403,
  ALREADY_ACCEPTED: 409,
  NOT_WAITING: 409,
  NOT_ACTIVE: 409,
  CHANGED: 409,
  TEXT_INVALID: 400,
  REASON_INVALID: 400,
  NOTE_TOO_LONG: 400,
  AGENT_UNKNOWN: 400,
  AGENT_SELF: 409,
  AGENT_NOT_AVAILABLE: 409,
  STATUS_INVALID: 400,
  DATE_INVALID: 400,
  DATE_RANGE_INVALID: 400,
  QUERY_INVALID: 400,
  STORAGE_UNAVAILABLE: 503,
  CITIZEN_UNREACHABLE: 502,
  INTERNAL: 500,
  BAD_REQUEST: 400,
} as const;

export type AgentErrorCode = keyof typeof AGENT_ERROR_STATUS;

/** A refusal as the service returns it: the code and the values its sentence names. */
export interface AgentError {
  readonly code: AgentErrorCode;
  readonly params?: MessageParams;
}

/** The plain Chinese sentence of an error (the console is Chinese-only). */
export function agentErrorText(e: AgentError): string {
  return translate('zh-CN', `agentConsole.error.${e.code}`, e.params);
}

/** Answers `{ error: '<Chinese sentence>', code }` with the code's status (or `status` when given, e.g. a storage fault's code). */
export function sendAgentError(res: Response, e: AgentError, status: number = AGENT_ERROR_STATUS[e.code]): void {
  res.setHeader('cache-control', 'no-store');
  res.send(status, { error: agentErrorText(e), code: e.code });
}

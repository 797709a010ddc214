import type { Request, Response } from 'restify';
import { storageFaultOf } from '../../integrations/storage/storageFaultOf';
import { STORAGE_FAULTS } from '../../integrations/storage/storageFaults';
import type { Logger } from '../logger';
import { sendApiError } from './apiError';

/**
 * A request that failed on a storage fault (disk full, database locked…): logged with the store and the code,
 * answered 503 `{ error: { code, message } }` (never a 500 with a stack). WeChat takes a 503 as "send it again".
 * Returns false for any other error, which the caller handles.
 */
export function answerStorageFault(req: Request, res: Response, err: unknown, logger: Logger): boolean {
  const fault = storageFaultOf(err);
  if (!fault) return false;
  logger.error({ err, path: req.path(), store: fault.store, code: fault.code }, 'request failed: storage unavailable');
  if (!res.headersSent) {
    const message = `The bot's storage is unavailable: ${STORAGE_FAULTS[fault.code].what}. Nothing was saved; try again in a moment, and tell the operator if it goes on.`;
    sendApiError(res, 503, fault.code, message);
  }
  return true;
}

/*
 * How the console names intents (a conversation's recent intents): served by GET /api/agent/intents, the core
 * intents and every service module's (dialogs/services), never copied into the page.
 */
import { call } from '../common/api.js';
import { fail } from './errors.js';
import { changed, state, INTENTS } from './state.js';

/** Fills INTENTS (intent → Chinese name) from the server; an unknown intent is 其他问题 (util.js). */
export function loadIntentLabels() {
  call('GET', 'intents').then(function (data) {
    (Array.isArray(data.intents) ? data.intents : []).forEach(function (entry) {
      if (entry && typeof entry.intent === 'string' && entry.label && typeof entry.label['zh-CN'] === 'string') {
        INTENTS[entry.intent] = entry.label['zh-CN'];
      }
    });
    if (state.current) changed('summary');
  }, fail('读取意图名称失败'));
}

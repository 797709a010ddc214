import type { TurnContext } from 'botbuilder';
import type { DialogDeps } from '../../../dialogs/DialogDeps';
import { isComplaint } from '../../../dialogs/handoff/requestHandoff';
import { localeOf } from '../../../dialogs/i18n/turnLocale';
import { CONFIDENT, CONTROL_CONFIDENT, SWITCH_CONFIDENT } from '../../../dialogs/main/MainDialog';
import type { ServiceIndex } from '../../../dialogs/services/ServiceIndex';
import { understandTurn } from '../../../dialogs/shared/understandTurn';

/** Whether a message at the satisfaction question or its comment step is something for the bot instead (true) or an answer. */
export type RequestReader = (ctx: TurnContext, text: string) => boolean;

const QUESTION = /[吗嘛呢？?]\s*$|^(?:do|does|did|is|are|can|could|what|when|where|which|how|why|have|has)\b|有没有|是不是|多少|几分|哪些|怎么|什么时候|多久|几天|几次|哪里|能不能|可以吗|为什么/i;
/** Words about the conversation just had: a remark for the comment, not a request (「客服帮我查了违章，很耐心」). */
const ABOUT_SERVICE = /客服|服务|态度|耐心|专业|效率|满意|感谢|谢谢|辛苦|希望|建议|回复(?:得)?(?:太)?慢|等(?:了)?(?:太)?久|\b(?:agent|service|thanks|thank you|helpful|patient|suggest|hope)\b/i;
/** Asking for a person again (「再转人工」), not speaking of the one just had (「客服很耐心」 reads as agent.handoff too). */
const ASKS_PERSON = /(?:转|找|要|接|叫|联系|换)(?:个|一个|一下)?(?:人工|客服|真人)|^人工(?:客服)?$|\b(?:talk|speak)\s+to\b|\b(?:human|real person)\b/i;
/** A greeting on its own (「好的」 reads as greet to the model too, and is an answer). */
const GREETING = /^(?:你好|您好|哈喽|嗨|hi|hello|hey|在吗|在不在)[呀啊吗呢!！。.,，~]*$/i;
/** Other small talk is an answer here (「谢谢」 is a fine comment), never a request. */
const SMALL_TALK = new Set(['None', 'greet', 'thanks', 'goodbye', 'cancel']);

/**
 * A new request in the citizen's words, as the main loop would take one while a flow asks something (MainDialog's
 * interruptions): a person or a complaint, an emergency, help, a service or FAQ the model is sure of; a question the
 * model understands or a service answers (a rule question). What reads as a remark about the conversation is an
 * answer, unless it asks something. The understanding is the turn's (understandTurn): the main loop reuses it.
 */
export function newRequestReader(deps: DialogDeps, services: ServiceIndex): RequestReader {
  return (ctx, text) => {
    if (isComplaint(text) || services.takenFirst(deps, text) !== undefined) return true;
    const u = understandTurn(ctx, deps, text);
    const question = QUESTION.test(text);
    const remark = ABOUT_SERVICE.test(text);
    if (u.score >= CONTROL_CONFIDENT && (u.intent === 'help' || (u.intent === 'agent.handoff' && (!remark || ASKS_PERSON.test(text))))) return true;
    if (remark && !question) return false;
    // A greeting starts anew (「你好」 after an agent's conversation): the bot greets and shows what it can do.
    if (GREETING.test(text.trim())) return true;
    if ((services.isServiceIntent(u.intent) || u.intent.startsWith('faq.')) && u.score >= SWITCH_CONFIDENT) return true;
    if (!question) return false;
    if (u.score >= CONFIDENT && !SMALL_TALK.has(u.intent)) return true;
    return services.takenUnclear(deps, u, localeOf(ctx)) !== undefined;
  };
}

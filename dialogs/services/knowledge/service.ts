import type { ServiceModule } from '../ServiceModule';
import en from './i18n/en.json';
import zhCN from './i18n/zh-CN.json';
import { KnowledgeAnswerDialog } from './KnowledgeAnswerDialog';

/** Enough words to be a question about a rule: four Chinese characters, or three English words. */
function saysEnough(text: string): boolean {
  const chinese = (text.match(/[\u3400-\u9fff]/g) ?? []).length;
  const words = (text.match(/[a-z]+/gi) ?? []).length;
  return chinese >= 4 || words >= 3 || chinese + words >= 4;
}

/** An unclear message is likely a rule question when the intent model gives knowledge.question this much among its top three. */
const LIKELY_QUESTION = 0.15;
/** The intent model is sure a message is about nothing the bot does… */
const SURE_NONE = 0.8;
/** …then only a card (or article) at least this sure answers it. */
const SURER_THAN_NONE = 0.7;

/**
 * Questions about rules (「闯红灯扣几分」「科目二挂了多久能补考」), answered from the knowledge base's cards with
 * their source (nlu-models/knowledge), referrals for what the bot does not do, and safety first after an accident.
 */
export const KNOWLEDGE: ServiceModule = {
  name: 'knowledge',
  dir: __dirname,
  intents: [
    {
      intent: 'knowledge.question', flow: (deps) => new KnowledgeAnswerDialog(deps),
      label: { 'zh-CN': '问规定', en: 'Ask about the rules' },
      consoleLabel: { 'zh-CN': '规定咨询', en: 'Rule question' },
      // An unclear message the intent model most likely reads as a rule question, or that a card answers: answered or
      // honestly referred (12123), never 「没太明白」. When the model is sure it is about nothing we do, a card must be surer.
      takesUnclear: (deps, u, locale) => {
        // 「找不到」 at a question, "yes" after a payment: too short to be a rule question, whatever a card shares with it.
        if (!saysEnough(u.text)) return false;
        if (u.alternatives.slice(0, 3).some((a) => a.intent === 'knowledge.question' && a.score >= LIKELY_QUESTION)) return true;
        const a = deps.knowledge.answer(u.text, locale);
        if (a.kind === 'none') return false;
        return !(u.intent === 'None' && u.score >= SURE_NONE) || a.match.confidence >= SURER_THAN_NONE;
      },
      takesFirst: (deps, text) => deps.knowledge.urgent(text) !== undefined,
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  calls: {},
};

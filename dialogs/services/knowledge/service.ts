import type { ServiceModule } from '../ServiceModule';
import en from './i18n/en.json';
import zhCN from './i18n/zh-CN.json';
import { KnowledgeAnswerDialog } from './KnowledgeAnswerDialog';

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
      takesUnclear: (deps, text, locale) => deps.knowledge.answer(text, locale).kind !== 'none',
      takesFirst: (deps, text) => deps.knowledge.urgent(text) !== undefined,
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  calls: {},
};

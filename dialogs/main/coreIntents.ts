import type { ServiceIndex } from '../services/ServiceIndex';
import type { Labels } from '../services/ServiceModule';

/**
 * The intents MainDialog answers itself (small talk, control, a person, nothing understood): with the service
 * modules' intents they make the understanding contract (DESIGN.md §3). The one list of them.
 */
export const CORE_INTENTS: ReadonlyArray<{ readonly intent: string; readonly consoleLabel: Labels }> = [
  { intent: 'agent.handoff', consoleLabel: { 'zh-CN': '转人工', en: 'Asks for an agent' } },
  { intent: 'greet', consoleLabel: { 'zh-CN': '问候', en: 'Greeting' } },
  { intent: 'thanks', consoleLabel: { 'zh-CN': '感谢', en: 'Thanks' } },
  { intent: 'goodbye', consoleLabel: { 'zh-CN': '再见', en: 'Goodbye' } },
  { intent: 'help', consoleLabel: { 'zh-CN': '帮助', en: 'Help' } },
  { intent: 'cancel', consoleLabel: { 'zh-CN': '取消', en: 'Cancel' } },
  { intent: 'None', consoleLabel: { 'zh-CN': '未识别', en: 'Not understood' } },
];

/** How the consoles name every intent of the contract: the services' console labels, then the core intents'. */
export function consoleIntentLabels(services: ServiceIndex): ReadonlyArray<{ intent: string; label: Labels }> {
  return [...services.consoleLabels, ...CORE_INTENTS.map((c) => ({ intent: c.intent, label: c.consoleLabel }))];
}

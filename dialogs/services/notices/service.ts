import type { ServiceModule } from '../ServiceModule';
import en from './i18n/en.json';
import zhCN from './i18n/zh-CN.json';
import { NoticeSettingsDialog } from './NoticeSettingsDialog';
import { NoticeStopDialog } from './NoticeStopDialog';
import { NOTICE_PROMPTS } from './prompts';
import { NOTICE_TOPIC_MESSAGES } from './topics';

/**
 * Notices the citizen subscribed to (issue 17), on the conversation's side: 「提醒设置」 shows and changes each topic,
 * 「不要再提醒」 turns them all off, and the flows ask for consent at the natural moment (offers.ts: after an exam booking,
 * a violation handled and left unpaid, a plate reserved, a bound owner's own violations lookup). The
 * notices themselves are sent by the bot's notice engine (bot/notices) through the WeChat official account.
 */
export const NOTICES: ServiceModule = {
  name: 'notices',
  dir: __dirname,
  intents: [
    {
      intent: 'notices.settings', flow: (deps) => new NoticeSettingsDialog(deps),
      label: { 'zh-CN': '提醒设置', en: 'Notification settings' },
      consoleLabel: { 'zh-CN': '提醒设置', en: 'Notification settings' },
    },
    {
      intent: 'notices.stop', flow: (deps) => new NoticeStopDialog(deps),
      label: { 'zh-CN': '不要再提醒', en: 'Stop notifications' },
      consoleLabel: { 'zh-CN': '关闭全部提醒', en: 'Stop all notifications' },
    },
  ],
  // The conversation's texts and the notices' own (their template fields).
  messages: { 'zh-CN': { ...zhCN, ...NOTICE_TOPIC_MESSAGES['zh-CN'] }, en: { ...en, ...NOTICE_TOPIC_MESSAGES.en } },
  prompts: Object.values(NOTICE_PROMPTS),
  // The dialogs call none; the topics' computations (topics/, run by the notice engine) read these.
  calls: {
    exams: ['eligibility', 'listBookings'],
    plates: ['reservedPlate'],
    violations: ['byOwner', 'decision', 'licence'],
  },
};

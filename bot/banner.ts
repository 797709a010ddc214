import type { Config } from './config';

/** What `npm start` prints once the bot is ready: where to open each part of it. */
export function banner(config: Config): string {
  const url = `http://localhost:${config.port}`;
  const messenger = config.platform === 'sandbox' && config.wechat && !config.wechat.apiUrl;
  return `\njiaoguan-bot is running on ${url}${config.workers > 1 ? ` (${config.workers} processes)` : ''}\n` +
    (messenger ? `  open the WeChat-style messenger: ${url}/chat/\n` : '') +
    `  hotline agent console: ${url}/agent/   NLU admin console: ${url}/admin/ (create accounts with npm run agent)\n` +
    (config.wechat ? `  WeChat webhook (URL to enter in the official account console): ${url}/api/wechat\n` : '') +
    `  Bot Framework Emulator: ${url}/api/messages (no app id or password needed)\n` +
    `  health: ${url}/healthz\n` +
    (config.platform === 'sandbox' ? `  sandbox SMS outbox: ${url}/sandbox/sms?phone=<the persona's mobile number>\n` : '') + '\n';
}

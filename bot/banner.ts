import type { Config } from './config';
import { isLoopbackHost } from './web/loopback';

/** What `npm start` prints once the bot is ready: demo or deployment, and where to open each part of it. */
export function banner(config: Config): string {
  const url = `http://localhost:${config.port}`;
  const demo = config.mode === 'demo';
  const lines = [
    '',
    `jiaoguan-bot is running on ${url}${config.workers > 1 ? ` (${config.workers} processes)` : ''}`,
    demo
      ? '  mode: DEMO (sandbox platform and personas, sandbox WeChat; not for real citizens)'
      : `  mode: DEPLOYMENT (${config.modeReason}): no sandbox, no messenger, no personas`,
    demo && isLoopbackHost(config.host)
      ? `  listening on ${config.host} only (HOST=0.0.0.0 opens the demo, sandbox pages included, to your network)`
      : `  listening on ${config.host}`,
  ];
  if (demo && config.wechat) lines.push(`  open the WeChat-style messenger: ${url}/chat/`);
  lines.push(`  hotline agent console: ${url}/agent/   NLU admin console: ${url}/admin/ (create accounts with npm run agent)`);
  lines.push(`  operations figures (admins): ${url}/ops/`);
  if (config.wechat) lines.push(`  WeChat webhook (URL to enter in the official account console): ${url}/api/wechat`);
  lines.push(botFrameworkLine(config, url));
  lines.push(`  health: ${url}/healthz`);
  if (demo) lines.push(`  sandbox SMS outbox: ${url}/sandbox/sms?phone=<the persona's mobile number>`);
  return `${lines.join('\n')}\n\n`;
}

function botFrameworkLine(config: Config, url: string): string {
  switch (config.botFramework) {
    case 'anonymous':
      return `  Bot Framework Emulator: ${url}/api/messages (anonymous: this machine only, replies only to a loopback serviceUrl)`;
    case 'authenticated':
      return `  Bot Framework: ${url}/api/messages (authenticated as app ${config.microsoftAppId})`;
    case 'closed':
      return '  Bot Framework: /api/messages is closed (no MicrosoftAppId; a deployment never serves it anonymously)';
  }
}

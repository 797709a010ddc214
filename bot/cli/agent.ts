import { createInterface } from 'node:readline';
import pino from 'pino';
import { readConfig } from '../config';
import { createLogger } from '../logger';
import { openStores } from '../openStores';
import type { AgentRole } from '../../integrations/storage/agents';
import { accountsModule } from '../accounts/accountsModule';
import { TrustedProxies } from '../web/TrustedProxies';

const USAGE = `usage:
  npm run --silent agent -- create <username> --name <display name> [--role agent|admin]
  npm run --silent agent -- password <username>
  npm run --silent agent -- disable <username> | enable <username>
  npm run --silent agent -- list
The password is read from AGENT_PASSWORD or, when that is not set, from the first line of standard input.
The store is the server's (STORE, MONGODB_URI, DATA_DIR), as for npm start. A new password ends every session of
the account; disabling an account ends its sessions at once.`;

async function readPassword(): Promise<string> {
  const fromEnv = process.env.AGENT_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('password: ');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The admin command for console accounts (agents and admins), on the configured store (the server's own). */
async function main(args: string[]): Promise<number> {
  const [command, username] = args;
  if (!['create', 'password', 'disable', 'enable', 'list'].includes(command ?? '') || (command !== 'list' && !username)) throw new Error(USAGE);
  const config = readConfig(process.env);
  // Logs (e.g. "connected to MongoDB") go to standard error; standard output is the command's answer.
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, pino.destination(2));
  const stores = await openStores(config, logger, { sqlite: true });
  const consoleAccounts = accountsModule({ stores, logger, accountRates: config.accountRates, proxies: new TrustedProxies(config.trustProxy) });
  try {
    const { agents } = stores;
    const { accounts } = consoleAccounts;
    if (command === 'list') {
      for (const a of await agents.list()) process.stdout.write(`${a.username}\t${a.displayName}\t${a.role}${a.disabled ? '\tdisabled' : ''}\n`);
      return 0;
    }
    if (command === 'create') {
      const displayName = option(args, '--name') ?? username;
      const role = (option(args, '--role') ?? 'agent') as AgentRole;
      const account = await accounts.create({ username, displayName, role, password: await readPassword() });
      process.stdout.write(`created ${account.role} ${account.username} (${account.displayName})\n`);
      return 0;
    }
    const account = await agents.byUsername(username.toLowerCase());
    if (!account) throw new Error(`no agent named "${username}"`);
    if (command === 'password') {
      const ended = await accounts.setPassword(account.id, await readPassword());
      process.stdout.write(`password changed for ${account.username}; ${ended} session(s) ended\n`);
      return 0;
    }
    await accounts.setDisabled(account.id, command === 'disable');
    process.stdout.write(`${command}d ${account.username}\n`);
    return 0;
  } finally {
    consoleAccounts.stop();
    await stores.close();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
  process.stderr.write(`npm run agent: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});

import { createInterface } from 'node:readline';
import { readConfig } from '../config';
import { createSqliteStores } from '../../integrations/storage/sqlite/createSqliteStores';
import { SqliteAgentStore } from '../../integrations/storage/sqlite/SqliteAgentStore';
import { SqliteAuditLog } from '../../integrations/storage/sqlite/SqliteAuditLog';
import type { AgentRole } from '../../integrations/storage/agents';
import { AgentAccounts } from '../agent/AgentAccounts';
import { hashPassword, passwordProblem } from '../agent/passwords';

const USAGE = `usage:
  npm run --silent agent -- create <username> --name <display name> [--role agent|admin]
  npm run --silent agent -- password <username>
  npm run --silent agent -- disable <username> | enable <username>
  npm run --silent agent -- list
The password is read from AGENT_PASSWORD or, when that is not set, from the first line of standard input.
DATA_DIR selects the store, as for npm start.`;

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

/** The admin command for console accounts (agents and admins), on the configured store. */
async function main(args: string[]): Promise<number> {
  const [command, username] = args;
  const config = readConfig(process.env);
  const stores = createSqliteStores(config.dataDir);
  try {
    const agents = new SqliteAgentStore(stores.db);
    const accounts = new AgentAccounts(agents, new SqliteAuditLog(stores.db));
    if (command === 'list') {
      for (const a of await agents.list()) process.stdout.write(`${a.username}\t${a.displayName}\t${a.role}${a.disabled ? '\tdisabled' : ''}\n`);
      return 0;
    }
    if (!username) throw new Error(USAGE);
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
      const password = await readPassword();
      const problem = passwordProblem(password);
      if (problem) throw new Error(problem);
      await agents.setPassword(account.id, await hashPassword(password));
      process.stdout.write(`password changed for ${account.username}\n`);
      return 0;
    }
    if (command === 'disable' || command === 'enable') {
      await agents.setDisabled(account.id, command === 'disable');
      process.stdout.write(`${command}d ${account.username}\n`);
      return 0;
    }
    throw new Error(USAGE);
  } finally {
    await stores.close();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});

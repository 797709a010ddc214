import type Database from 'better-sqlite3';
import { repositoryKnowledge } from '../../nlu-models/knowledge/repositoryKnowledge';
import { ConversationState, MemoryStorage, type Activity, type Middleware } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import type { manualClock } from '../../integrations/clock';
import type { SandboxAdmin } from '../../integrations/platform/sandbox/SandboxAdmin';
import type { SandboxPlatform } from '../../integrations/platform/sandbox/SandboxPlatform';
import type { DialogDeps } from '../../dialogs/DialogDeps';
// Importing the service index adds the services' message catalogues (dialogs/services/<service>/i18n).
import '../../dialogs/services';
import { LocaleMiddleware } from '../../dialogs/i18n/LocaleMiddleware';
import type { Locale } from '../../dialogs/i18n/Locale';
import { SqliteRateLimits } from '../../integrations/storage/sqlite/SqliteRateLimits';
import { classifyConfirmAct } from '../../nlu-models/acts';
import { NluEngine } from '../../nlu-models/recognizer/NluEngine';
import { projectModel } from '../nlu-models/recognizer/projectModel';
import { LI_NA, sandbox, WANG_QIANG, ZHANG_WEI } from '../integrations/platform/fixtures';
import { transcriptCapture } from '../support/captureTranscripts';

/** The channel user DialogTestClient speaks as: a Bot Framework turn ('test' channel, user 'user1'). */
export const TEST_USER = 'botframework:test:user1';

/** The sandbox personas of DESIGN.md §4, as the platform tests know them. */
export const PERSONAS = { zhangWei: ZHANG_WEI, liNa: LI_NA, wangQiang: WANG_QIANG } as const;

export interface World {
  deps: DialogDeps;
  platform: SandboxPlatform;
  admin: SandboxAdmin;
  clock: ReturnType<typeof manualClock>;
  db: Database.Database;
}

/** A sandbox platform on a fresh in-memory database, a manual clock (default 2026-11-25 10:00 China time) and the project NLU. */
export function makeWorld(at = '2026-11-25T10:00:00+08:00'): World {
  const { db, clock, platform, admin } = sandbox(at);
  return { deps: { nlu: new NluEngine(projectModel()), acts: { classify: classifyConfirmAct }, knowledge: repositoryKnowledge(), platform, clock, rateLimits: new SqliteRateLimits(db) }, platform, admin, clock, db };
}

/** Binds the test user to a persona directly through the platform (for flows that are not about binding). */
export async function bindAs(world: World, persona: { idNumber: string; name: string; phone: string }, user = TEST_USER): Promise<void> {
  await world.platform.identity.startBinding(user, persona.idNumber, persona.name);
  await world.platform.identity.confirmBinding(user, persona.idNumber, await latestSmsCode(world, persona.phone));
}

/** The code in the newest SMS the sandbox gateway "sent" to a phone. */
export async function latestSmsCode(world: World, phone: string): Promise<string> {
  const [latest] = await world.platform.sms.outbox(phone);
  const code = latest?.params.code ?? latest?.text.match(/\d{4,8}/)?.[0];
  if (!code) throw new Error(`no SMS code in the outbox of ${phone}`);
  return code;
}

/** A DialogTestClient on the 'test' channel with the locale middleware the bot uses (and, for the PII scan, its transcript middleware). */
export function dialogClient(dialog: Dialog, options?: unknown, extra: Middleware[] = []): DialogTestClient {
  const conversationState = new ConversationState(new MemoryStorage());
  const locale = new LocaleMiddleware(conversationState.createProperty<Locale | undefined>('locale'));
  return new DialogTestClient('test', dialog, options, [locale, ...transcriptCapture(), ...extra], conversationState);
}

/** How a reply reads to the citizen: its text, then its buttons as [a|b|c]. */
export function render(reply: Partial<Activity>): string {
  if (reply.type === 'event') {
    const v = reply.value as { reason?: string; intents?: string[] } | undefined;
    return `[${reply.name ?? 'event'}${v?.reason ? ` reason=${v.reason}` : ''}${v?.intents ? ` intents=${v.intents.join(',')}` : ''}]`;
  }
  const buttons = reply.suggestedActions?.actions?.map((a) => a.title ?? String(a.value)) ?? [];
  return `${reply.text ?? ''}${buttons.length ? ` [${buttons.join('|')}]` : ''}`;
}

export type Expectation = string | RegExp;
/** One line of a conversation table: what the user says (or a function computing it), and every reply expected. */
export type ScriptLine = [say: string | (() => Promise<string> | string), replies: Expectation[]];

/**
 * Plays a conversation table: for each line the user's message, then each expected reply in order
 * (a string must appear in the reply, a RegExp must match it), and no further replies.
 */
export async function play(client: DialogTestClient, script: ScriptLine[]): Promise<void> {
  for (const [say, expected] of script) {
    const text = typeof say === 'function' ? await say() : say;
    const replies: string[] = [];
    let reply = await client.sendActivity(text);
    while (reply) {
      replies.push(render(reply));
      reply = client.getNextReply();
    }
    const shown = `user: ${text}\nbot: ${replies.join('\nbot: ')}`;
    expect({ said: text, replies: replies.length, shown }).toEqual({ said: text, replies: expected.length, shown });
    expected.forEach((e, i) => {
      if (typeof e === 'string') expect({ said: text, reply: replies[i] }).toEqual({ said: text, reply: expect.stringContaining(e) });
      else expect({ said: text, reply: replies[i] }).toEqual({ said: text, reply: expect.stringMatching(e) });
    });
  }
}

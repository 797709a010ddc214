import { MainDialog } from '../../../dialogs/main/MainDialog';
import { SERVICES, SERVICE_INDEX } from '../../../dialogs/services';
import { translate } from '../../../dialogs/i18n/catalog';
import type { Locale } from '../../../dialogs/i18n/Locale';
import type { PromptDefinition } from '../../../dialogs/prompts/PromptDefinition';
import { bindAs, dialogClient, makeWorld, PERSONAS, render, type World } from '../harness';
import en from './phrasings/en.json';
import zhCN from './phrasings/zh-CN.json';

type ByLocale<T> = Readonly<Record<Locale, T>>;
type Expect = string | RegExp;

/** How the matrix reaches a declared question and what it checks there (test/dialogs/matrix/reach/<service>.ts). */
export interface Reach {
  persona: keyof typeof PERSONAS | null;
  setup?: (world: World) => Promise<void>;
  /** What the citizen says to get to the question (the last reply must match `marker`). */
  say: ByLocale<string[]>;
  marker: ByLocale<Expect>;
  /** Whether the flow's action happened (booked, paid, cancelled…): never after a no, a stop or a person. */
  done: (world: World) => Promise<boolean>;
  /** confirm: what a yes leads to, and whether the action is then done. */
  affirm?: { expect: ByLocale<Expect>; done: boolean };
  /** choice: one option to pick by number, ordinal and part of its text, and what follows. */
  pick?: { index: number; partial: ByLocale<string>; expect: ByLocale<Expect> };
  /** choice: a part of the text of several options. */
  ambiguous?: ByLocale<string>;
  /** choice with anyPicksFirst: what 「随便」 leads to. */
  any?: ByLocale<Expect>;
  /** text: a valid answer and what follows. */
  value?: { say: ByLocale<string>; expect: ByLocale<Expect> };
  /** A change of something said earlier, and the question it leads to. */
  correct?: { say: ByLocale<string>; expect: ByLocale<Expect> };
  /** back: where going back leads. */
  back?: ByLocale<Expect>;
}
export type Fixture = Reach | { unreachable: string };

interface Phrasings {
  affirm: Record<string, string[]>;
  deny: Record<string, string[]>;
  ordinal: string[];
  cancel: string[];
  person: string[];
  garbage: string[];
  sideOther: string[];
}
const PHRASINGS: ByLocale<Phrasings> = { 'zh-CN': zhCN, en };
const ORD = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];
const CN = ['一', '二', '三', '四', '五', '六'];

/** One cell of the matrix: a question, an act, a phrasing, what must happen. */
export interface Cell {
  name: string;
  run: () => Promise<void>;
}

function matches(reply: string, e: Expect): boolean {
  return typeof e === 'string' ? reply.includes(e) : e.test(reply);
}

/** Plays one message and returns every reply rendered (text [buttons], events as [name …]). */
async function say(client: ReturnType<typeof dialogClient>, text: string): Promise<string[]> {
  const replies: string[] = [];
  let reply = await client.sendActivity(text);
  while (reply) {
    replies.push(render(reply));
    reply = client.getNextReply();
  }
  return replies;
}

function pickTwo<T>(list: readonly T[], seed: number): T[] {
  if (list.length <= 2) return [...list];
  const a = seed % list.length;
  return [list[a] as T, list[(a + 1 + (seed % (list.length - 1))) % list.length] as T];
}

/** The matrix of one service: every declared question × every act that applies × phrasings, in both languages. */
export function matrixCells(service: string, fixtures: Readonly<Record<string, Fixture>>, extra: readonly PromptDefinition[] = []): Cell[] {
  const module = SERVICES.find((s) => s.name === service);
  if (!module) throw new Error(`no service ${service}`);
  const prompts = [...(module.prompts ?? []), ...extra];
  const cells: Cell[] = [];
  prompts.forEach((p, seed) => {
    const f = fixtures[p.id];
    if (!f) {
      cells.push({ name: `${p.id} has a matrix fixture`, run: async () => { throw new Error(`no fixture reaches ${p.id}: add it to test/dialogs/matrix/reach/${service}.ts`); } });
      return;
    }
    if ('unreachable' in f) return;
    for (const locale of ['zh-CN', 'en'] as const) cells.push(...promptCells(p, f, locale, seed));
  });
  return cells;
}

function promptCells(p: PromptDefinition, f: Reach, locale: Locale, seed: number): Cell[] {
  const ph = PHRASINGS[locale];
  const t = (id: string): string => translate(locale, id);
  const retryHint = t(`prompt.retry.${p.kind}`);
  const repair = locale === 'zh-CN' ? '还是没看懂' : "I still didn't get that";
  const cells: Cell[] = [];
  const cell = (act: string, phrasing: string, check: (replies: string[], world: World) => Promise<void> | void, more: string[] = []): void => {
    cells.push({
      name: `${p.id} · ${locale} · ${act} · ${[phrasing, ...more].join(' / ')}`,
      run: async () => {
        const world = makeWorld();
        if (f.persona) await bindAs(world, PERSONAS[f.persona]);
        await f.setup?.(world);
        const client = dialogClient(new MainDialog(world.deps, SERVICE_INDEX));
        let last: string[] = [];
        for (const s of f.say[locale]) last = await say(client, s);
        expect({ reached: p.id, replies: last }).toEqual({ reached: p.id, replies: expect.arrayContaining([expect.stringMatching(asRegExp(f.marker[locale]))]) });
        let replies: string[] = [];
        for (const s of [phrasing, ...more]) replies = await say(client, s);
        await check(replies, world);
      },
    });
  };
  const shows = (e: Expect) => (replies: string[]) => {
    expect({ replies }).toEqual({ replies: expect.arrayContaining([expect.stringMatching(asRegExp(e))]) });
  };
  const understood = (replies: string[]) => {
    expect(replies.filter((r) => r.includes(retryHint) || r.includes(repair))).toEqual([]);
  };
  const notDone = async (world: World) => expect(await f.done(world)).toBe(false);

  if (p.kind === 'confirm') {
    const purpose = p.purpose ?? 'generic';
    for (const yes of pickTwo(ph.affirm[purpose] ?? ph.affirm.generic ?? [], seed)) {
      cell('affirm', yes, async (replies, world) => {
        understood(replies);
        if (f.affirm) {
          shows(f.affirm.expect[locale])(replies);
          expect(await f.done(world)).toBe(f.affirm.done);
        }
      });
    }
    for (const no of pickTwo(ph.deny[purpose] ?? ph.deny.generic ?? [], seed + 1)) {
      cell('deny', no, async (replies, world) => { understood(replies); await notDone(world); });
    }
  }
  if (p.kind === 'choice' && f.pick) {
    const { index, partial, expect: after } = f.pick;
    const n = index + 1;
    cell('choose by number', String(n), shows(after[locale]));
    for (const o of pickTwo(ph.ordinal, seed)) {
      const text = o.replace('{n}', String(n)).replace('{cn}', CN[index] ?? String(n)).replace('{ord}', ORD[index] ?? `${n}th`);
      cell('choose by ordinal', text, shows(after[locale]));
    }
    cell('choose by part of its text', partial[locale], shows(after[locale]));
  }
  if (p.kind === 'choice' && f.ambiguous) {
    cell('ambiguous choice', f.ambiguous[locale], shows(/你指的是哪一个|Which one do you mean/));
  }
  if (p.anyPicksFirst && f.any) {
    cell('any', locale === 'zh-CN' ? '随便' : 'whichever', shows(f.any[locale]));
  }
  if (f.value) cell('answer', f.value.say[locale], shows(f.value.expect[locale]));
  if (f.correct) cell('correct a slot', f.correct.say[locale], async (replies, world) => { shows(f.correct!.expect[locale])(replies); await notDone(world); });
  if (p.back && f.back) cell('go back', locale === 'zh-CN' ? '返回上一步' : 'go back', async (replies, world) => { shows(f.back![locale])(replies); await notDone(world); });
  // Side questions answered in one turn for every persona: the citizen's points, and their exam bookings (of the exams
  // service itself at an exams question, of another service elsewhere).
  const side = [
    ph.sideOther.find((q) => /分|points/i.test(q)),
    ph.sideOther.find((q) => /考试|exam|test/i.test(q)),
  ].filter((q): q is string => q !== undefined);
  for (const q of side) {
    cell('side question', q, async (replies, world) => {
      // Answered and resumed; or, asked at that very flow's own question, the question is asked again.
      shows(/接着刚才的|back to|我们正在办这件事|already on it/)(replies);
      expect(matches(replies.at(-1) ?? '', f.marker[locale])).toBe(true);
      await notDone(world);
    });
  }
  for (const stop of pickTwo(ph.cancel, seed)) {
    cell('cancel the flow', stop, async (replies, world) => {
      shows(locale === 'zh-CN' ? /已退出「|没有|不变|保留/ : /Stopped|nothing|unchanged|not|stays/i)(replies);
      await notDone(world);
    });
  }
  for (const person of pickTwo(ph.person, seed)) {
    cell('ask for a person', person, async (replies, world) => { shows(/\[handoff/)(replies); await notDone(world); });
  }
  const g = pickTwo(ph.garbage, seed);
  cell('three answers not understood', g[0] ?? '???', async (replies, world) => {
    shows(/\[handoff/)(replies);
    await notDone(world);
  }, [g[1] ?? '!!!', ph.garbage[(seed + 3) % ph.garbage.length] ?? '...']);
  cell('two answers not understood: example and a way out', g[0] ?? '???', (replies) => {
    shows(repair)(replies);
    shows(locale === 'zh-CN' ? /例如/ : /for example/)(replies);
  }, [g[1] ?? '!!!']);
  return cells;
}

function asRegExp(e: Expect): RegExp {
  return typeof e === 'string' ? new RegExp(e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : e;
}

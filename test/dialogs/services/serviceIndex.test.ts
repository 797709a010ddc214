import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Dialog } from 'botbuilder-dialogs';
import { CONTRACT_INTENTS } from '../../../bot/admin/contractIntents';
import { MENU_KEYS } from '../../../bot/channels/wechat/menuKeys';
import { hasMessage } from '../../../dialogs/i18n/catalog';
import { LOCALES } from '../../../dialogs/i18n/Locale';
import { CORE_INTENTS } from '../../../dialogs/main/coreIntents';
import { SERVICE_INDEX, SERVICES } from '../../../dialogs/services';
import { ServiceIndex } from '../../../dialogs/services/ServiceIndex';
import type { ServiceModule } from '../../../dialogs/services/ServiceModule';
import { PLATFORM_PORTS } from '../../../integrations/platform/ports';
import { loadCorpusFile } from '../../../nlu-models/corpus/loadCorpus';
import { INSPECTION } from '../../fixtures/services/inspection/service';
import { makeWorld } from '../harness';

const SERVICES_DIR = dirname(require.resolve('../../../dialogs/services'));
const IDENTITY_DIALOGS = join(SERVICES_DIR, '..', 'identity');
/** Platform calls written out in code: platform.<port>.<method>. */
const LITERAL_CALLS = /\bplatform\.(\w+)\.(\w+)\b/g;
const literalCalls = (files: string[]) => [...new Set(files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(LITERAL_CALLS)].map((x) => `${x[1]}.${x[2]}`)))].sort();
/** What the ports declare (integrations/platform/<port>/port.ts): their error codes and each method's retry policy. */
const PORTS = PLATFORM_PORTS as unknown as Record<string, { errors: Record<string, unknown>; methods: Record<string, unknown> }>;
/** Message ids a service's code asks for by a literal: msg(ctx, 'id' …) or translate(locale, 'id' …). */
const LITERAL_IDS = /\b(?:msg|translate)\(\s*[^,()]+,\s*'([\w.]+)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return f === 'corpus' || f === 'i18n' ? [] : sourceFiles(path);
    return f.endsWith('.ts') ? [path] : [];
  });
}

/**
 * A service is registered whole or the suite fails: each module of the index (and the test tree's throwaway one)
 * has its folder, a flow for every intent, labels, unique menu keys, a catalogue with the same ids in both
 * languages holding every id its code asks for, and a corpus with utterances for each intent in both languages.
 */
describe.each([...SERVICES, INSPECTION].map((m) => [m.name, m] as [string, ServiceModule]))('service module %s', (_name, m) => {
  it('lives in a folder of its name', () => {
    expect(basename(m.dir)).toBe(m.name);
    expect(existsSync(join(m.dir, 'service.ts'))).toBe(true);
  });

  it('builds a flow dialog for every intent, each with its own id', () => {
    const { deps } = makeWorld();
    const dialogs = m.intents.map((d) => d.flow(deps));
    dialogs.forEach((d) => expect(d).toBeInstanceOf(Dialog));
    expect(new Set(dialogs.map((d) => d.id)).size).toBe(dialogs.length);
  });

  it('labels every intent in both languages (buttons and agent console)', () => {
    for (const d of m.intents) {
      for (const l of LOCALES) {
        expect({ intent: d.intent, locale: l, label: d.label[l].trim().length > 0, console: d.consoleLabel[l].trim().length > 0 })
          .toEqual({ intent: d.intent, locale: l, label: true, console: true });
      }
    }
  });

  it('has a catalogue with the same ids in both languages, holding every id its code asks for', () => {
    const ids = (l: (typeof LOCALES)[number]) => Object.keys(m.messages[l]).sort();
    expect(ids('en')).toEqual(ids('zh-CN'));
    new ServiceIndex([m]);
    const asked = sourceFiles(m.dir).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(LITERAL_IDS)].map((x) => x[1]));
    const missing = asked.filter((id) => LOCALES.some((l) => !hasMessage(l, id)));
    expect(missing).toEqual([]);
  });

  it('declares the platform methods its code calls (and the binding dialog\'s when it asks for a bound identity), each with its port\'s retry policy', () => {
    const files = sourceFiles(m.dir);
    const declared = Object.entries(m.calls).flatMap(([port, methods]) => (methods ?? []).map((method) => `${port}.${method}`));
    const binds = files.some((f) => /\bensureBound\b|\bBindingDialog\b/.test(readFileSync(f, 'utf8')));
    const used = [...literalCalls(files), ...(binds ? literalCalls(sourceFiles(IDENTITY_DIALOGS)) : [])];
    expect(used.filter((c) => !declared.includes(c))).toEqual([]);
    expect(declared.filter((c) => PORTS[c.split('.')[0]]?.methods[c.split('.')[1]] === undefined)).toEqual([]);
  });

  it('has a reply for every error code of the ports it calls, in both languages', () => {
    const codes = Object.keys(m.calls).flatMap((port) => Object.keys(PORTS[port]?.errors ?? {}));
    expect(codes.filter((code) => LOCALES.some((l) => !hasMessage(l, `error.${code}`)))).toEqual([]);
  });

  it('has a corpus with utterances for each intent in both languages', () => {
    for (const l of LOCALES) {
      const file = join(m.dir, 'corpus', `${l}.json`);
      expect({ file, exists: existsSync(file) }).toEqual({ file, exists: true });
      const corpus = loadCorpusFile(file);
      for (const d of m.intents) {
        const n = corpus.data.find((c) => c.intent === d.intent)?.utterances.length ?? 0;
        expect({ file, intent: d.intent, hasUtterances: n > 0 }).toEqual({ file, intent: d.intent, hasUtterances: true });
      }
    }
  });
});

describe('the service index', () => {
  it('lists every service folder under dialogs/services/, each once', () => {
    const folders = readdirSync(SERVICES_DIR).filter((f) => existsSync(join(SERVICES_DIR, f, 'service.ts'))).sort();
    expect(SERVICES.map((m) => m.name).sort()).toEqual(folders);
    expect(SERVICES.map((m) => m.dir)).toEqual(SERVICES.map((m) => join(SERVICES_DIR, m.name)));
  });

  it('refuses an intent, a WeChat menu key or a service listed twice', () => {
    const [exams] = SERVICES;
    expect(() => new ServiceIndex([...SERVICES, exams])).toThrow('service listed twice: exams');
    expect(() => new ServiceIndex([...SERVICES, { ...INSPECTION, intents: [{ ...INSPECTION.intents[0], intent: 'exam.book' }] }]))
      .toThrow('service intent listed twice: exam.book');
    expect(() => new ServiceIndex([...SERVICES, { ...INSPECTION, intents: [{ ...INSPECTION.intents[0], wechatMenu: { key: 'MENU_EXAM_BOOK' } }] }]))
      .toThrow('WeChat menu key listed twice: MENU_EXAM_BOOK');
  });

  it('derives the contract intents and the menus (as DESIGN.md §3 and the account had them)', () => {
    expect(SERVICE_INDEX.names).toEqual(['exam.book', 'exam.query', 'exam.reschedule', 'exam.cancel', 'plate.select', 'plate.query', 'fine.query', 'fine.pay', 'points.query', 'identity.unbind', 'identity.whoami', 'knowledge.question', 'notices.settings', 'notices.stop']);
    expect(CONTRACT_INTENTS).toEqual([...SERVICE_INDEX.names, ...CORE_INTENTS.map((c) => c.intent)]);
    expect(CORE_INTENTS.map((c) => c.intent)).toEqual(['agent.handoff', 'greet', 'thanks', 'goodbye', 'help', 'cancel', 'None']);
    expect(SERVICE_INDEX.menuIntents).toEqual(['exam.book', 'plate.select', 'fine.query', 'fine.pay', 'points.query']);
    expect(MENU_KEYS).toEqual({
      MENU_EXAM_BOOK: 'main.service.exam.book', MENU_EXAM_QUERY: 'main.service.exam.query',
      MENU_PLATE_SELECT: 'main.service.plate.select', MENU_PLATE_QUERY: 'main.service.plate.query',
      MENU_FINE_QUERY: 'main.service.fine.query', MENU_FINE_PAY: 'main.service.fine.pay',
      MENU_POINTS: 'main.service.points.query', MENU_AGENT: 'main.service.agent',
    });
    for (const key of Object.values(MENU_KEYS)) for (const l of LOCALES) expect({ key, l, ok: hasMessage(l, key) }).toEqual({ key, l, ok: true });
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'nlu', 'tiny-zh.json');

/** Runs the NLU command line exactly as `npm run --silent nlu -- …` does. */
function nlu(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'nlu-models', 'cli', 'index.ts'), ...args], {
    input, encoding: 'utf8', cwd: ROOT, timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('nlu command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nlu-cli-'));
  const model = join(dir, 'tiny.model.json');

  it('train --corpus --out writes a model trained on that corpus', () => {
    const r = nlu(['train', '--corpus', FIXTURE, '--out', model]);
    expect(r.status).toBe(0);
    const json = JSON.parse(readFileSync(model, 'utf8')) as { intents: string[]; locales: string[] };
    expect(json.intents).toEqual(['alarm', 'music', 'weather']);
    expect(json.locales).toEqual(['zh']);
  });

  it('classify --model reads one utterance per line and writes one JSON object per line', () => {
    const r = nlu(['classify', '--model', model, '--today', '2026-11-25'], '后天天气好吗\n给我放首老歌\n帮我定个闹钟\n');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.text, l.intent])).toEqual([
      ['后天天气好吗', 'weather'], ['给我放首老歌', 'music'], ['帮我定个闹钟', 'alarm'],
    ]);
    expect(Object.keys(lines[0]).sort()).toEqual(['entities', 'intent', 'score', 'text']);
    expect(lines[0].entities).toEqual([{ entity: 'date', value: '2026-11-27' }]);
    expect(typeof lines[0].score).toBe('number');
  });

  it('classify with the project model understands the contract example and its entities', () => {
    const r = nlu(['classify', '--today', '2026-11-25'], '帮我交苏A12345的罚款\n');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({
      text: '帮我交苏A12345的罚款', intent: 'fine.pay', score: expect.any(Number),
      entities: [{ entity: 'plate_number', value: '苏A12345' }],
    });
  });

  it('evaluate --json reports accuracy, per-intent metrics and a confusion matrix', () => {
    const r = nlu(['evaluate', '--corpus', FIXTURE, '--folds', '2', '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      crossValidation: { accuracy: number; total: number; perIntent: Array<{ intent: string; f1: number }>; confusion: { labels: string[]; matrix: number[][] } };
      heldOutTests: { total: number };
    };
    expect(report.crossValidation.total).toBe(24);
    expect(report.crossValidation.perIntent.map((m) => m.intent).sort()).toEqual(['alarm', 'music', 'weather']);
    const cells = report.crossValidation.confusion.matrix.flat().reduce((a, b) => a + b, 0);
    expect(cells).toBe(24);
    expect(report.heldOutTests.total).toBe(3);
  });

  it('refuses bad input with a clear message', () => {
    expect(nlu(['classify', '--today', '25/11/2026'], 'hi\n')).toMatchObject({ status: 1, stderr: expect.stringContaining('--today must be YYYY-MM-DD') });
    expect(nlu(['train', '--corpus', join(dir, 'missing.json'), '--out', model])).toMatchObject({ status: 1, stderr: expect.stringContaining('cannot be read') });
    expect(nlu(['frobnicate']).status).toBe(2);
  });
});

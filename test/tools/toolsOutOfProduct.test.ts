import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** The product (what `npm run build` compiles); tools/ may import it, never the other way round. */
const PRODUCT = ['bot', 'dialogs', 'integrations', 'nlu-models'];
const SPECIFIERS = /\bfrom\s+['"]([^'"]+)['"]|\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|js)$/.test(entry.name) ? [path] : [];
  });
}

describe('tools/ (fault injection, benchmarks) stay out of the product', () => {
  it('no module of bot/, dialogs/, integrations/ or nlu-models/ imports tools/', () => {
    const offenders = PRODUCT.flatMap((folder) => sources(join(ROOT, folder))).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(SPECIFIERS)]
        .map((m) => m[1] ?? m[2] ?? '')
        .filter((specifier) => specifier.startsWith('.'))
        .filter((specifier) => relative(ROOT, resolve(dirname(file), specifier)).split(/[\\/]/)[0] === 'tools')
        .map((specifier) => `${relative(ROOT, file)} → ${specifier}`));
    expect(offenders).toEqual([]);
  });

  it('the product build does not compile tools/', () => {
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    expect(build.include).toEqual(expect.not.arrayContaining(['tools']));
  });
});

import { join } from 'node:path';
import { browserModuleGraph, importCycles } from './browserModuleGraph';

const WEB = join(__dirname, '..', '..', '..', 'bot', 'web');

describe("the consoles' browser modules (bot/web/**/*.js)", () => {
  const graph = browserModuleGraph(WEB);

  it('are read with their imports (the pages and the shared modules)', () => {
    expect(graph.get('admin/admin.js')).toEqual(expect.arrayContaining(['admin/state.js', 'admin/session.js']));
    expect(graph.get('agent/agent.js')).toEqual(expect.arrayContaining(['agent/state.js', 'agent/session.js']));
    expect(graph.get('common/session.js')).toEqual(expect.arrayContaining(['common/api.js']));
  });

  it('import only modules that exist', () => {
    const missing = [...graph].flatMap(([module, imports]) => imports.filter((m) => !graph.has(m)).map((m) => `${module} → ${m}`));
    expect(missing).toEqual([]);
  });

  it('import each other without a cycle (renderers subscribe to the page state instead of calling each other)', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const cyclic = new Map([['a.js', ['b.js']], ['b.js', ['c.js']], ['c.js', ['a.js']], ['d.js', ['d.js']], ['e.js', []]]);
    expect(importCycles(cyclic)).toEqual([['a.js', 'b.js', 'c.js'], ['d.js']]);
  });
});

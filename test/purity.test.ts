/** src/core knows nothing of Office, the DOM or Node: it must run inside the task pane. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';

const CORE = join(__dirname, '..', 'src', 'core');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('core modules import only each other (in any of its folders) and zod', () => {
  const all = files(CORE);
  expect(all.length).toBeGreaterThan(20);
  for (const f of all) {
    const name = relative(CORE, f);
    // Code only: comments may name Office or the DOM.
    const src = readFileSync(f, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
    const imports = [...src.matchAll(/from '([^']+)'/g)].map((m) => m[1] as string);
    for (const i of imports) {
      if (i === 'zod') continue;
      expect([name, i]).toEqual([name, expect.stringMatching(/^\.\.?\/[a-z0-9/.-]+$/)]);
      const target = resolve(dirname(f), i);
      expect([name, i, target.startsWith(CORE + sep)]).toEqual([name, i, true]);
    }
    expect([name, /\b(require|process|Buffer|window|document|Office|Excel)\b\s*[.(]/.test(src)]).toEqual([name, false]);
  }
});

/**
 * The core's layers, lowest first: a module imports only modules of its own layer or below. The contract is at the
 * bottom (it imports nothing but zod and itself); the renderers sit above the pipeline; `index.ts` is the one door.
 */
const LAYERS = ['contract', 'input', 'rows', 'findings', 'indicators', 'layouts', 'hierarchy', 'checks', 'pipeline', 'render', 'door'];

function layerOf(file: string): number {
  const rel = relative(CORE, file).split(sep);
  const name = rel.length === 1 ? (rel[0] === 'index.ts' ? 'door' : 'pipeline') : (rel[0] as string);
  const i = LAYERS.indexOf(name);
  if (i < 0) throw new Error(`${relative(CORE, file)}: its folder is in no layer; add it to LAYERS`);
  return i;
}

/** Each core module's imports within the core, as absolute paths of .ts files. */
function coreImports(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of files(CORE)) {
    const src = readFileSync(f, 'utf8');
    const deps = [...src.matchAll(/^(?:import|export)\b[^;]*?from '(\.[^']+)'/gms)].map((m) => {
      const base = resolve(dirname(f), m[1] as string);
      return existsSync(base + '.ts') ? base + '.ts' : join(base, 'index.ts');
    });
    graph.set(f, deps);
  }
  return graph;
}

test('core layers: no import runs back up (contract at the bottom, renderers above the pipeline)', () => {
  const up: string[] = [];
  for (const [f, deps] of coreImports())
    for (const d of deps) if (layerOf(d) > layerOf(f)) up.push(`${relative(CORE, f)} → ${relative(CORE, d)}`);
  expect(up).toEqual([]);
  // The contract imports nothing in the core but itself.
  for (const [f, deps] of coreImports())
    if (layerOf(f) === 0) expect([relative(CORE, f), deps.filter((d) => layerOf(d) !== 0)]).toEqual([relative(CORE, f), []]);
});

test('core imports have no cycle', () => {
  const graph = coreImports();
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (f: string, path: string[]): void => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(CORE, p)).join(' → '));
      return;
    }
    state.set(f, 'open');
    for (const d of graph.get(f) ?? []) visit(d, [...path, f]);
    state.set(f, 'done');
  };
  for (const f of graph.keys()) visit(f, []);
  expect(cycles).toEqual([]);
});

test('the adapters enter the core by its one door (core/index.ts)', () => {
  const SRC = join(__dirname, '..', 'src');
  const bad: string[] = [];
  for (const dir of ['excel', 'cli', 'taskpane', 'commands', 'settings', 'ui', 'pdf', 'pdf-worker'])
    for (const f of existsSync(join(SRC, dir)) ? files(join(SRC, dir)) : [])
      for (const m of readFileSync(f, 'utf8').matchAll(/from '(\.[^']+)'/g))
        if (/\/core\/./.test(m[1] as string)) bad.push(`${relative(SRC, f)}: ${m[1]}`);
  expect(bad).toEqual([]);
});

test('no core module keeps mutable state at module level', () => {
  for (const f of files(CORE)) {
    const src = readFileSync(f, 'utf8');
    // A `let`, or a collection a module would fill as it runs (caches, working lists).
    const found = src.match(/^(?:export )?(?:let |const \w+(?:: [^=]+)? = (?:new (?:Map|Set|WeakMap)\b|\[\]))/m)?.[0] ?? null;
    expect([relative(CORE, f), found]).toEqual([relative(CORE, f), null]);
  }
});

test('core type-checks with no Node or DOM types at all', () => {
  const tsc = join(__dirname, '..', 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(__dirname, '..', 'tsconfig.core.json')], { encoding: 'utf8' });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
});

/** src/core knows nothing of Office, the DOM or Node: it must run inside the task pane. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
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

/** src/core knows nothing of Office, the DOM or Node: it must run inside the task pane. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CORE = join(__dirname, '..', 'src', 'core');

test('core modules import only each other and zod', () => {
  for (const f of readdirSync(CORE).filter((x) => x.endsWith('.ts'))) {
    // Code only: comments may name Office or the DOM.
    const src = readFileSync(join(CORE, f), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
    const imports = [...src.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    for (const i of imports) expect([f, i]).toEqual([f, expect.stringMatching(/^(\.\/[a-z0-9]+|zod)$/)]);
    expect([f, /\b(require|process|Buffer|window|document|Office|Excel)\b\s*[.(]/.test(src)]).toEqual([f, false]);
  }
});

test('core type-checks with no Node or DOM types at all', () => {
  const tsc = join(__dirname, '..', 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(__dirname, '..', 'tsconfig.core.json')], { encoding: 'utf8' });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
});

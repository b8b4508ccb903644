/**
 * manifest.xml, offline: schema validation with xmllint against the add-in manifest XSDs
 * (copied into test/xsd from shared/xsd), every resid defined and used, every URL served
 * from dist/, the production URL rewrite, and the requirement set.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tool } from './tools/system';

const ROOT = join(__dirname, '..');
const XSD = join(__dirname, 'xsd', 'OfficeAppManifestV1_1.xsd');
const manifest = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');

function xmllint(file: string): { status: number | null; out: string } {
  const r = spawnSync(tool('xmllint'), ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, out: r.stdout + r.stderr };
}

test('manifest.xml validates against the Office add-in manifest schemas', () => {
  const r = xmllint(join(ROOT, 'manifest.xml'));
  expect(r.out).toContain('validates');
  expect(r.status).toBe(0);
});

test('the validation really checks: a bad enum value fails', () => {
  const bad = join(mkdtempSync(join(tmpdir(), 'bn-manifest-')), 'bad.xml');
  writeFileSync(bad, manifest.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>'));
  expect(xmllint(bad).status).toBe(3);
});

test('every resid is defined once, and every defined resource is used', () => {
  const used = new Set([...manifest.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]));
  const defined = [...manifest.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(defined).size).toBe(defined.length);
  expect([...used].filter((u) => !defined.includes(u))).toEqual([]);
  expect(defined.filter((d) => !used.has(d))).toEqual([]);
  for (const id of defined) expect(id!.length).toBeLessThanOrEqual(32);
});

test('the Workbook host, ReadWriteDocument, the minimum requirement set, both buttons on the Home tab, zh-CN labels', () => {
  expect(manifest).toContain('<Host Name="Workbook" />');
  expect(manifest).toContain('<Permissions>ReadWriteDocument</Permissions>');
  expect(manifest).toMatch(/<Set Name="ExcelApi" MinVersion="1\.9" \/>/);
  expect(manifest).toMatch(/<OfficeTab id="TabHome">[\s\S]*BudgetNormalizer\.Normalize[\s\S]*BudgetNormalizer\.Clear[\s\S]*<\/OfficeTab>/);
  for (const zh of ['预算表规范化', '规范化', '清除标记']) expect(manifest).toContain(`Value="${zh}"`);
});

test('every URL in the built manifest is a file in dist/', () => {
  const built = readFileSync(join(ROOT, 'dist', 'manifest.xml'), 'utf8');
  const urls = [...built.matchAll(/https:\/\/localhost:3000\/([^"?<]*)/g)].map((m) => m[1] as string);
  expect(urls.length).toBeGreaterThan(8);
  for (const u of urls) if (u !== '') expect([u, existsSync(join(ROOT, 'dist', u))]).toEqual([u, true]);
});

test('a production build points the manifest at ADDIN_URL', () => {
  const out = mkdtempSync(join(tmpdir(), 'bn-prod-'));
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'webpack', 'bin', 'webpack.js'), '--mode', 'production', '--output-path', out],
    {
      cwd: ROOT,
      env: { ...process.env, ADDIN_URL: 'https://addin.example.org/budget' },
      stdio: 'pipe',
    },
  );
  const built = readFileSync(join(out, 'manifest.xml'), 'utf8');
  expect(built).not.toContain('localhost');
  expect(built).toContain('<SourceLocation DefaultValue="https://addin.example.org/budget/taskpane.html" />');
  expect(xmllint(join(out, 'manifest.xml')).status).toBe(0);
  const bad = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'webpack', 'bin', 'webpack.js'), '--mode', 'production', '--output-path', out],
    {
      cwd: ROOT,
      env: { ...process.env, ADDIN_URL: 'http://addin.example.org/' },
      encoding: 'utf8',
    },
  );
  expect(bad.status).not.toBe(0);
  expect(bad.stdout + bad.stderr).toContain('ADDIN_URL must be https');
}, 120_000);

test('the task pane`s JavaScript is at most 150 KB gzipped (office.js excluded)', () => {
  const { gzipSync } = require('node:zlib') as typeof import('node:zlib');
  const js = readFileSync(join(ROOT, 'dist', 'taskpane.js'));
  const gz = gzipSync(js, { level: 9 }).length;
  expect(gz).toBeLessThanOrEqual(150 * 1024);
  expect(readFileSync(join(ROOT, 'dist', 'taskpane.html'), 'utf8')).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
});

test('pdf.js is not in the pane`s script: its worker is a script of its own, with its data shipped beside it (no CDN)', () => {
  const pane = readFileSync(join(ROOT, 'dist', 'taskpane.js'), 'utf8');
  const html = readFileSync(join(ROOT, 'dist', 'taskpane.html'), 'utf8');
  const worker = readFileSync(join(ROOT, 'dist', 'pdf-worker.js'), 'utf8');
  // pdf.js's own marks: its version, its worker's message handler, its API.
  for (const mark of ['5.4.624', 'WorkerMessageHandler', 'getOperatorList', 'PasswordException']) {
    expect([mark, pane.includes(mark)]).toEqual([mark, false]);
    expect([mark, worker.includes(mark)]).toEqual([mark, true]);
  }
  expect(html).not.toContain('pdf-worker');
  expect(pane).toContain('pdf-worker.js');
  // The CMaps of Chinese fonts that are not embedded, the standard fonts and the image decoders.
  for (const file of ['cmaps/UniGB-UCS2-H.bcmap', 'cmaps/Adobe-GB1-UCS2.bcmap', 'standard_fonts/FoxitSerif.pfb', 'wasm/openjpeg.wasm'])
    expect([file, existsSync(join(ROOT, 'dist', 'pdfjs', file))]).toEqual([file, true]);
  expect(worker).not.toMatch(/https:\/\/(?:cdn|unpkg|cdnjs|jsdelivr)/);
});

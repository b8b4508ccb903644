/**
 * Setup that cannot trap a newcomer (issue 24): the dev server and `npm start` check the HTTPS development
 * certificate first and, when it is missing or untrusted, say in one line what to run with admin rights.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLAG_CODES, REVIEW_RULES } from '../src/core';

const SCRIPT = join(__dirname, '..', 'scripts', 'check-certs.js');
const { advice } = require(SCRIPT) as { advice: (platform: string) => string };

test('without a certificate: one line on stderr naming what to run, exit 1, and no sudo attempted', () => {
  const home = mkdtempSync(join(tmpdir(), 'bn-home-'));
  try {
    const r = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8', env: { ...process.env, HOME: home, USERPROFILE: home } });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('office-addin-dev-certs install');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('the advice names admin rights the way each system asks for them', () => {
  expect(advice('linux')).toContain('sudo npx office-addin-dev-certs install');
  expect(advice('linux')).toContain('certutil');
  expect(advice('darwin')).toContain('password');
  expect(advice('darwin')).not.toContain('sudo');
  expect(advice('win32')).not.toContain('sudo');
});

test('the dev server and npm start run the check first', () => {
  const scripts = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).scripts as Record<string, string>;
  expect(scripts['predev-server']).toBe('node scripts/check-certs.js');
  expect(scripts.prestart).toBe('node scripts/check-certs.js');
});

test('the README says what every flag code means, in both languages', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## What each flag means'), readme.indexOf('## The command line tool'));
  const codes = [...FLAG_CODES, ...REVIEW_RULES.map((r) => r.code)];
  for (const code of codes)
    expect([
      code,
      new RegExp(`^\\| \`${code}\` \\|[^|]+\\|[^|]*[\\u4e00-\\u9fff][^|]*\\|[^|]*[a-z][^|]*\\|[^|]+\\|$`, 'm').test(section),
    ]).toEqual([code, true]);
});

/**
 * `npm ci` needs no compiler: no package in the lock file may have an install script that builds native
 * code (keytar and its kind need a compiler and system headers such as libsecret). A package with an
 * install script is allowed only when it is listed here with the reason it does not compile.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** Install scripts known not to compile on a normal install. */
const ALLOWED_INSTALL_SCRIPTS: Record<string, string> = {
  // jest-haste-map's file watcher: prebuilt binaries come as optional per-platform packages; its
  // install script builds from source only when npm_config_build_from_source=true.
  '@parcel/watcher': 'prebuilt; builds only on request',
};

interface LockPackage {
  version?: string;
  hasInstallScript?: boolean;
  optional?: boolean;
  dev?: boolean;
}

const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };
const nameOf = (path: string): string => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

test('no locked package has an install script that compiles', () => {
  const withScripts = Object.entries(lock.packages)
    .filter(([path, p]) => path !== '' && p.hasInstallScript === true)
    .map(([path]) => nameOf(path));
  expect(withScripts.filter((n) => !(n in ALLOWED_INSTALL_SCRIPTS))).toEqual([]);
});

test('keytar and the toolkit that brings it are not installed', () => {
  const names = Object.keys(lock.packages).map(nameOf);
  expect(names).not.toContain('keytar');
  expect(names).not.toContain('@microsoft/m365agentstoolkit-cli');
  // The arrangement that keeps them out: peer dependencies are not installed automatically.
  expect(readFileSync(join(ROOT, '.npmrc'), 'utf8')).toMatch(/^legacy-peer-deps=true$/m);
});

test('the allow-list is no longer than it needs to be', () => {
  const names = new Set(
    Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript === true)
      .map(([path]) => nameOf(path)),
  );
  for (const allowed of Object.keys(ALLOWED_INSTALL_SCRIPTS)) expect([allowed, names.has(allowed)]).toEqual([allowed, true]);
});

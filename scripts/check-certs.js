#!/usr/bin/env node
/**
 * check-certs.js — before the dev server or `npm start`: is the HTTPS development certificate there and trusted?
 *
 * Office loads add-ins over HTTPS only, so the dev server uses office-addin-dev-certs' certificate. Left to
 * itself, that package tries to trust its CA with admin rights in the middle of a webpack start (`sudo` on
 * Linux), which ends in a stack trace where sudo is missing, or in a run that exits 0 having done nothing.
 * This check runs first and, when the certificate is missing or not trusted, says in one line what to run with
 * admin rights on this system, and exits 1.
 */
'use strict';
const os = require('node:os');
const path = require('node:path');

function advice(platform) {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  if (platform === 'win32')
    return 'run `npx office-addin-dev-certs install` once (Windows asks you to trust a development CA for your user), then run this again';
  if (platform === 'darwin')
    return 'run `npx office-addin-dev-certs install` once (it asks for your password to add a development CA to your login keychain), then run this again';
  return (
    'run `sudo npx office-addin-dev-certs install` once (admin rights: it adds a development CA under /usr/local/share/ca-certificates); ' +
    `Chromium and Edge on Linux read their own store too: \`certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n office-addin-dev-certs -i ${dir}/ca.crt\` (libnss3-tools); then run this again`
  );
}

function main() {
  let trusted = false;
  try {
    trusted = require('office-addin-dev-certs').verifyCertificates();
  } catch {
    trusted = false;
  }
  if (trusted) return 0;
  process.stderr.write(
    `budget-normalizer: the HTTPS development certificate for https://localhost:3000 is missing or not trusted: ${advice(process.platform)}.\n`,
  );
  return 1;
}

if (require.main === module) process.exitCode = main();
module.exports = { advice, main };

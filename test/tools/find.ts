/**
 * find.ts — where the test tools are: a Chromium-family browser (Chromium, Chrome or Edge), LibreOffice
 * (`soffice`), xmllint and pdftoppm, on Linux, macOS and Windows.
 *
 * Owns: the lookup order (an environment variable the README names, then the program on PATH, then the
 * places each system's installers use) and the one line that says what to install when a tool is
 * missing. The file system and the environment are passed in, so the lookup is tested with a fake one.
 */
import { posix, win32 } from 'node:path';

export type ToolName = 'browser' | 'soffice' | 'xmllint' | 'pdftoppm';

export interface System {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** True when an executable file is at this path. */
  exists(path: string): boolean;
}

interface ToolSpec {
  /** The environment variable that names the program, checked first. */
  envVar: string;
  /** What the program is called on PATH (Windows adds `.exe`). */
  commands: string[];
  /** Where installers put it, per system; `%VAR%` is an environment variable. */
  places: Partial<Record<NodeJS.Platform, string[]>>;
  /** What to install, for the one-line message. */
  install: string;
}

export const TOOLS: Record<ToolName, ToolSpec> = {
  browser: {
    envVar: 'BN_BROWSER',
    commands: [
      'chromium',
      'chromium-browser',
      'google-chrome',
      'google-chrome-stable',
      'microsoft-edge',
      'microsoft-edge-stable',
      'chrome',
      'msedge',
    ],
    places: {
      linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium', '/usr/bin/microsoft-edge'],
      darwin: [
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
        '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      ],
      win32: [
        '%PROGRAMFILES%\\Google\\Chrome\\Application\\chrome.exe',
        '%PROGRAMFILES(X86)%\\Google\\Chrome\\Application\\chrome.exe',
        '%LOCALAPPDATA%\\Google\\Chrome\\Application\\chrome.exe',
        '%PROGRAMFILES(X86)%\\Microsoft\\Edge\\Application\\msedge.exe',
        '%PROGRAMFILES%\\Microsoft\\Edge\\Application\\msedge.exe',
      ],
    },
    install: 'Chromium, Chrome or Edge (Debian: apt-get install chromium; macOS: Google Chrome; Windows: Edge is built in)',
  },
  soffice: {
    envVar: 'BN_SOFFICE',
    commands: ['soffice', 'libreoffice'],
    places: {
      linux: [
        '/usr/bin/soffice',
        '/usr/bin/libreoffice',
        '/usr/lib/libreoffice/program/soffice',
        '/opt/libreoffice/program/soffice',
        '/snap/bin/libreoffice',
      ],
      darwin: ['/Applications/LibreOffice.app/Contents/MacOS/soffice'],
      win32: ['%PROGRAMFILES%\\LibreOffice\\program\\soffice.exe', '%PROGRAMFILES(X86)%\\LibreOffice\\program\\soffice.exe'],
    },
    install: 'LibreOffice (Debian: apt-get install libreoffice-calc-nogui; macOS and Windows: libreoffice.org)',
  },
  xmllint: {
    envVar: 'BN_XMLLINT',
    commands: ['xmllint'],
    places: {
      linux: ['/usr/bin/xmllint'],
      darwin: ['/usr/bin/xmllint', '/opt/homebrew/bin/xmllint', '/usr/local/bin/xmllint'],
      win32: [],
    },
    install: 'xmllint (Debian: apt-get install libxml2-utils; macOS: built in; Windows: the libxml2 tools, e.g. from MSYS2)',
  },
  pdftoppm: {
    envVar: 'BN_PDFTOPPM',
    commands: ['pdftoppm'],
    places: {
      linux: ['/usr/bin/pdftoppm'],
      darwin: ['/opt/homebrew/bin/pdftoppm', '/usr/local/bin/pdftoppm'],
      win32: [],
    },
    install: 'pdftoppm (Debian: apt-get install poppler-utils; macOS: brew install poppler; Windows: poppler for Windows)',
  },
};

/** `%VAR%` replaced by the environment's value (Windows names are case-insensitive); null when one is unset. */
function expand(place: string, env: System['env']): string | null {
  let missing = false;
  const out = place.replace(/%([^%]+)%/g, (_, name: string) => {
    const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
    const v = key === undefined ? undefined : env[key];
    if (v === undefined || v === '') missing = true;
    return v ?? '';
  });
  return missing ? null : out;
}

/** The path of a tool, or null when it is nowhere to be found. */
export function findTool(name: ToolName, sys: System): string | null {
  const spec = TOOLS[name];
  const stated = sys.env[spec.envVar];
  // A stated path is used as it is: a wrong one should fail loudly, not fall back silently.
  if (stated !== undefined && stated !== '') return sys.exists(stated) ? stated : null;
  const win = sys.platform === 'win32';
  const path = win ? win32 : posix;
  const pathVar = sys.env.PATH ?? sys.env.Path ?? '';
  for (const dir of pathVar.split(path.delimiter)) {
    if (dir === '') continue;
    for (const cmd of spec.commands) {
      const p = path.join(dir, win ? `${cmd}.exe` : cmd);
      if (sys.exists(p)) return p;
    }
  }
  for (const place of spec.places[sys.platform] ?? []) {
    const p = expand(place, sys.env);
    if (p !== null && sys.exists(p)) return p;
  }
  return null;
}

/** The one line printed when a tool is missing. */
export function missingMessage(name: ToolName, sys: Pick<System, 'env'>): string {
  const spec = TOOLS[name];
  const stated = sys.env[spec.envVar];
  const where = stated ? `${spec.envVar}=${stated} is not a program` : 'not found';
  return `budget-normalizer tests: ${name} ${where}; install ${spec.install}, or set ${spec.envVar} to its path.`;
}

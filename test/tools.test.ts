/** The test tools are found where Linux, macOS and Windows install them (a fake file system). */
import { findTool, missingMessage, System } from './tools/find';

const fake = (platform: NodeJS.Platform, files: string[], env: Record<string, string> = {}): System => {
  const set = new Set(files);
  return { platform, env, exists: (p) => set.has(p) };
};

describe('finding the browser', () => {
  test('Debian: /usr/bin/chromium, found on PATH first', () => {
    expect(findTool('browser', fake('linux', ['/usr/bin/chromium'], { PATH: '/usr/local/bin:/usr/bin' }))).toBe('/usr/bin/chromium');
  });
  test('Linux without PATH entries: the installers` places, Chrome when there is no Chromium', () => {
    expect(findTool('browser', fake('linux', ['/usr/bin/google-chrome'], { PATH: '/nowhere' }))).toBe('/usr/bin/google-chrome');
    expect(findTool('browser', fake('linux', ['/snap/bin/chromium']))).toBe('/snap/bin/chromium');
  });
  test('macOS: Chrome in /Applications', () => {
    const app = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findTool('browser', fake('darwin', [app], { PATH: '/usr/bin:/bin' }))).toBe(app);
  });
  test('Windows: Edge under Program Files (x86), with the variable in any case', () => {
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const sys = fake('win32', [edge], {
      Path: 'C:\\Windows\\system32',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
      ProgramFiles: 'C:\\Program Files',
    });
    expect(findTool('browser', sys)).toBe(edge);
  });
  test('Windows: chrome.exe on PATH wins over the installers` places', () => {
    const onPath = 'D:\\tools\\chrome.exe';
    const sys = fake('win32', [onPath, 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'], {
      PATH: 'C:\\Windows;D:\\tools',
      PROGRAMFILES: 'C:\\Program Files',
    });
    expect(findTool('browser', sys)).toBe(onPath);
  });
  test('the environment variable wins, and a wrong one is not silently replaced', () => {
    expect(findTool('browser', fake('linux', ['/opt/x/chrome', '/usr/bin/chromium'], { BN_BROWSER: '/opt/x/chrome' }))).toBe(
      '/opt/x/chrome',
    );
    expect(findTool('browser', fake('linux', ['/usr/bin/chromium'], { BN_BROWSER: '/opt/none' }))).toBeNull();
  });
});

describe('finding LibreOffice and xmllint', () => {
  test('soffice on Debian, macOS and Windows', () => {
    expect(findTool('soffice', fake('linux', ['/usr/bin/soffice'], { PATH: '/usr/bin' }))).toBe('/usr/bin/soffice');
    const mac = '/Applications/LibreOffice.app/Contents/MacOS/soffice';
    expect(findTool('soffice', fake('darwin', [mac], { PATH: '/usr/bin' }))).toBe(mac);
    const win = 'C:\\Program Files\\LibreOffice\\program\\soffice.exe';
    expect(findTool('soffice', fake('win32', [win], { PROGRAMFILES: 'C:\\Program Files' }))).toBe(win);
  });
  test('an unset %VAR% is not read as an empty prefix', () => {
    expect(findTool('soffice', fake('win32', ['\\LibreOffice\\program\\soffice.exe'], {}))).toBeNull();
  });
  test('xmllint on PATH, or macOS`s own', () => {
    expect(findTool('xmllint', fake('linux', ['/usr/local/bin/xmllint'], { PATH: '/usr/local/bin' }))).toBe('/usr/local/bin/xmllint');
    expect(findTool('xmllint', fake('darwin', ['/usr/bin/xmllint']))).toBe('/usr/bin/xmllint');
    expect(findTool('xmllint', fake('win32', [], { PATH: 'C:\\Windows' }))).toBeNull();
  });
});

test('a missing tool gets one line that says what to install and which variable to set', () => {
  const line = missingMessage('soffice', { env: {} });
  expect(line).not.toContain('\n');
  expect(line).toContain('apt-get install libreoffice-calc-nogui');
  expect(line).toContain('BN_SOFFICE');
  expect(missingMessage('browser', { env: { BN_BROWSER: '/opt/none' } })).toContain('BN_BROWSER=/opt/none is not a program');
});

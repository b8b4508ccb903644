/**
 * office-stub.ts — a stub Office host for the browser test, served in place of office.js.
 * It holds a workbook in the in-memory Excel fake (the table comes from
 * `window.__BN_FIXTURE__`, number formats from `__BN_FORMATS__` as [address, format] pairs, hidden
 * rows and columns from `__BN_HIDE__`, `5` or `C:D`), answers `Office.onReady`, the display
 * language, the Office theme (`__BN_THEME__`, as `Office.context.officeTheme`; absent unless given, as on a host
 * without one) and requirement sets, and runs `Excel.run` against the fake. The workbook's custom XML parts
 * (its records and settings) are kept across a reload of the pane, as a workbook keeps them; `__stored()`
 * gives the settings the workbook holds.
 */
import { SETTINGS_NS, settingsOf } from '../../src/excel/store';
import { FakeExcel, namespaceOf } from '../fake-excel/fake';

type Win = Record<string, unknown> & {
  __BN_FIXTURE__?: unknown[][];
  __BN_SELECT__?: string;
  __BN_LANG__?: string;
  __BN_API__?: number;
  __BN_FORMATS__?: Array<[string, string]>;
  __BN_HIDE__?: string[];
  __BN_THEME__?: Record<string, unknown>;
};
const w = window as unknown as Win;
const fake = new FakeExcel('预算表');
fake.apiVersion = w.__BN_API__ ?? 18;
fake.setGrid(w.__BN_FIXTURE__ ?? []);
for (const [address, format] of w.__BN_FORMATS__ ?? []) fake.setFormat(address, format);
for (const address of w.__BN_HIDE__ ?? []) fake.hide(address);
fake.select(w.__BN_SELECT__ ?? 'A1');
w.__fake = fake;

// The workbook's custom XML parts, kept across a reload of the pane (as a workbook keeps them).
const saved = sessionStorage.getItem('__bn_parts');
if (saved !== null) fake.xmlParts.push(...(JSON.parse(saved) as typeof fake.xmlParts));
const persist = () => sessionStorage.setItem('__bn_parts', JSON.stringify(fake.xmlParts));
w.__stored = () => {
  const part = fake.xmlParts.find((x) => namespaceOf(x.xml) === SETTINGS_NS);
  return part === undefined ? null : settingsOf(part.xml);
};
// An earlier version's settings (Office.context.document.settings), empty unless a test puts some.
const settings = new Map<string, unknown>();
w.__settings = settings;
const ready = { host: 'Excel', platform: 'PC' };
w.Office = {
  HostType: { Excel: 'Excel' },
  onReady(callback?: (info: typeof ready) => void) {
    return Promise.resolve().then(() => {
      callback?.(ready);
      return ready;
    });
  },
  context: {
    displayLanguage: w.__BN_LANG__ ?? 'zh-CN',
    ...(w.__BN_THEME__ !== undefined ? { officeTheme: w.__BN_THEME__ } : {}),
    requirements: { isSetSupported: (name: string, version: string) => fake.isSetSupported(name, version) },
    document: {
      settings: {
        get: (k: string) => (settings.has(k) ? settings.get(k) : null),
        set: (k: string, v: unknown) => void settings.set(k, JSON.parse(JSON.stringify(v))),
        saveAsync: (cb?: (r: { status: string }) => void) => cb?.({ status: 'succeeded' }),
      },
    },
  },
  actions: { associate: () => undefined },
};
w.Excel = {
  run: (a: unknown, b?: unknown) =>
    (typeof a === 'function' ? fake.run(a as never) : fake.run(b as never, a as { mergeUndoGroup?: boolean })).finally(persist),
};

/**
 * The function file (src/commands/commands.ts) with a stub Office and the Excel fake: the actions are
 * associated at the top level (not inside Office.onReady), and a command completes only when its message
 * dialog has answered (its Close button) or been closed, or when the command's 5 minutes are nearly up —
 * Microsoft's pattern for a dialog opened by a function command, whose runtime closes when it completes.
 */
import { COMMAND_MS } from '../src/commands/ribbon';
import { FakeExcel } from './fake-excel/fake';
import { fixtureGrid } from './helpers';

type Handler = (arg?: unknown) => void;

interface Stub {
  actions: Map<string, (event: { completed: () => void }) => void>;
  dialogs: Array<{ url: string; handlers: Map<string, Handler>; closed: boolean }>;
  onReady: boolean;
}

/** Load commands.ts against a stub Office host; `dialogFails` makes displayDialogAsync fail (12007, a dialog already open). */
function load(fake: FakeExcel, dialogFails = false): Stub {
  const stub: Stub = { actions: new Map(), dialogs: [], onReady: false };
  const g = globalThis as Record<string, unknown>;
  g.window = { location: { origin: 'https://localhost:3000', pathname: '/commands.html' } };
  g.Excel = { run: (a: unknown, b?: unknown) => (typeof a === 'function' ? fake.run(a as never) : fake.run(b as never, a as never)) };
  g.Office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    // Office.js never answers onReady here: the actions must be associated without it.
    onReady: () => {
      stub.onReady = true;
      return new Promise(() => undefined);
    },
    actions: { associate: (id: string, f: Stub['actions'] extends Map<string, infer F> ? F : never) => stub.actions.set(id, f) },
    context: {
      displayLanguage: 'en-US',
      requirements: { isSetSupported: (n: string, v: string) => fake.isSetSupported(n, v) },
      ui: {
        displayDialogAsync: (url: string, _o: unknown, cb: (r: { status: string; value?: unknown; error?: unknown }) => void) => {
          if (dialogFails) return cb({ status: 'failed', error: { code: 12007 } });
          const d = { url, handlers: new Map<string, Handler>(), closed: false };
          stub.dialogs.push(d);
          cb({
            status: 'succeeded',
            value: { addEventHandler: (t: string, h: Handler) => d.handlers.set(t, h), close: () => void (d.closed = true) },
          });
        },
      },
    },
  };
  jest.isolateModules(() => {
    require('../src/commands/commands');
  });
  return stub;
}

/** A workbook whose selection is refused (several areas): the command shows a message. */
function refused(): FakeExcel {
  const fake = new FakeExcel('预算表');
  fake.setGrid(fixtureGrid());
  fake.select('A1:B2,D4:E5');
  return fake;
}

const tick = () => new Promise((r) => setTimeout(r, 20));
/** Wait (real timers) until `cond` holds, or 5 s. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !cond(); i++) await tick();
}

afterEach(() => {
  jest.useRealTimers();
  const g = globalThis as Record<string, unknown>;
  delete g.Office;
  delete g.Excel;
  delete g.window;
});

test('the actions are associated at the top level, before Office.onReady answers', () => {
  const stub = load(refused());
  expect([...stub.actions.keys()]).toEqual(['normalize', 'clearFlags']);
});

test('the message stays until the user closes it (×): the event completes then, not when the dialog opens', async () => {
  const stub = load(refused());
  const completed = jest.fn();
  stub.actions.get('normalize')?.({ completed });
  await until(() => stub.dialogs.length > 0);
  expect(stub.dialogs).toHaveLength(1);
  const url = new URL(stub.dialogs[0]?.url ?? '');
  expect(url.pathname).toBe('/message.html');
  expect(url.searchParams.get('text')).toMatch(/^More than one area is selected/);
  expect(url.searchParams.get('close')).toBe('Close');
  await tick();
  expect(completed).not.toHaveBeenCalled();
  // Closed with its ×: Office raises DialogEventReceived (12006).
  stub.dialogs[0]?.handlers.get('dialogEventReceived')?.({ error: 12006 });
  await until(() => completed.mock.calls.length > 0);
  expect(completed).toHaveBeenCalledTimes(1);
});

test('its Close button (messageParent): the dialog is closed and the event completes', async () => {
  const stub = load(refused());
  const completed = jest.fn();
  stub.actions.get('normalize')?.({ completed });
  await until(() => stub.dialogs.length > 0);
  stub.dialogs[0]?.handlers.get('dialogMessageReceived')?.({ message: 'close' });
  await until(() => completed.mock.calls.length > 0);
  expect(stub.dialogs[0]?.closed).toBe(true);
  expect(completed).toHaveBeenCalledTimes(1);
});

test('a dialog that cannot open, or a user who never closes it: the event still completes (before the 5 minutes end)', async () => {
  const failing = load(refused(), true);
  const completed = jest.fn();
  failing.actions.get('clearFlags')?.({ completed });
  await until(() => completed.mock.calls.length > 0);
  expect(completed).toHaveBeenCalledTimes(1);

  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
  const stub = load(refused());
  const later = jest.fn();
  stub.actions.get('normalize')?.({ completed: later });
  for (let i = 0; i < 500 && stub.dialogs.length === 0; i++) await jest.advanceTimersByTimeAsync(10);
  expect(stub.dialogs).toHaveLength(1);
  await jest.advanceTimersByTimeAsync(COMMAND_MS - 60_000);
  expect(later).not.toHaveBeenCalled();
  await jest.advanceTimersByTimeAsync(60_000);
  expect(later).toHaveBeenCalledTimes(1);
});

/**
 * score.ts — the rules of shared/tools/score.py, in TypeScript: a model against a table's labels, area by
 * area (kinds, names, amounts, parents, indicators, flags) and the false alarms, with the first misses
 * named. Ported line by line so that the tests need no Python; `test/real.test.ts` uses it.
 */

type Json = any;

export const AREAS = ['kinds', 'names', 'amounts', 'parents', 'indicators', 'flags'] as const;
export type Area = (typeof AREAS)[number];

export interface Score {
  areas: Record<Area, [number, number]>;
  falseAlarms: number;
  misses: string[];
  /** Every area full and no false alarm. */
  exact: boolean;
  /** One line, as score.py prints it. */
  line: string;
}

const norm = (s: unknown): string =>
  String(s ?? '')
    .split(/\s+/)
    .join('')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/“/g, '"')
    .replace(/”/g, '"');

function close(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === null && (b ?? null) === null;
  return Math.abs(Number(a) - Number(b)) < 0.005;
}

/** A Python `or`: the value, or `fallback` when the value is falsy. */
const or = <T>(v: T, fallback: T): T => (v ? v : fallback);

export function score(out: Json, exp: Json): Score {
  const rows = new Map<number, Json>((out.rows ?? []).map((r: Json) => [Number(r.row), r]));
  const areas = Object.fromEntries(AREAS.map((a) => [a, [0, 0]])) as Record<Area, [number, number]>;
  const misses: string[] = [];
  const tick = (area: Area, ok: boolean, what: string) => {
    areas[area][1]++;
    if (ok) areas[area][0]++;
    else if (misses.length < 40) misses.push(`${area}: ${what}`);
  };
  for (const [rk, e] of Object.entries(exp.rows as Record<string, Json>)) {
    const r = rows.get(Number(rk)) ?? {};
    if (e.kind === 'continuation') {
      tick('kinds', r.kind === 'continuation' || r.kind === undefined || r.kind === null, `row ${rk} kind ${r.kind} != continuation`);
      continue;
    }
    tick('kinds', r.kind === e.kind, `row ${rk} kind ${r.kind} != ${e.kind}`);
    if ('name' in e) tick('names', norm(r.name) === norm(e.name), `row ${rk} name ${JSON.stringify(r.name)}`);
    if ('parent' in e) tick('parents', (r.parentRow ?? null) === e.parent, `row ${rk} parentRow ${r.parentRow} != ${e.parent}`);
    for (const [col, v] of Object.entries((e.amounts ?? {}) as Record<string, number | null>)) {
      const got = (r.amounts ?? {})[col];
      tick('amounts', close(got, v), `row ${rk} ${col} ${got} != ${v}`);
    }
    if ('indicators' in e) {
      const gi: Json[] = or(r.indicators, []);
      tick('indicators', gi.length === e.indicators.length, `row ${rk} indicator count ${gi.length} != ${e.indicators.length}`);
      gi.slice(0, e.indicators.length).forEach((a, k) => {
        const b = e.indicators[k];
        for (const f of ['seq', 'level1', 'level1Code', 'level2', 'level2Code', 'name'])
          tick('indicators', norm(a[f]) === norm(b[f]), `row ${rk} #${b.seq} ${f} ${JSON.stringify(a[f])} != ${JSON.stringify(b[f])}`);
        for (const t of ['period', 'annual']) {
          const bt = b[t];
          let at = a[t];
          if (bt === null || bt === undefined) {
            tick('indicators', at === null || at === undefined || !or(at.raw, ''), `row ${rk} #${b.seq} ${t} should be empty`);
            continue;
          }
          at = or(at, {});
          tick(
            'indicators',
            norm(at.raw).replace(/[。;；,，]+$/, '') === norm(bt.raw),
            `row ${rk} #${b.seq} ${t}.raw ${JSON.stringify(at.raw)} != ${JSON.stringify(bt.raw)}`,
          );
          tick('indicators', (or(at.op, null) ?? null) === bt.op, `row ${rk} #${b.seq} ${t}.op ${at.op} != ${bt.op}`);
          tick('indicators', close(at.value, bt.value), `row ${rk} #${b.seq} ${t}.value ${at.value} != ${bt.value}`);
          tick(
            'indicators',
            norm(at.unit) === norm(bt.unit),
            `row ${rk} #${b.seq} ${t}.unit ${JSON.stringify(at.unit)} != ${JSON.stringify(bt.unit)}`,
          );
        }
      });
    }
  }
  for (const [rk, list] of Object.entries((exp.indicator_rows ?? {}) as Record<string, Json[]>)) {
    const gi: Json[] = or((rows.get(Number(rk)) ?? {}).indicators, []);
    tick('indicators', gi.length === list.length, `row ${rk} indicator count ${gi.length} != ${list.length}`);
    gi.slice(0, list.length).forEach((a, k) => {
      const b = list[k];
      for (const f of ['level1', 'level2', 'name'])
        tick('indicators', norm(a[f]) === norm(b[f]), `row ${rk} #${b.seq} ${f} ${JSON.stringify(a[f])} != ${JSON.stringify(b[f])}`);
      const bt = b.annual;
      const at = or(a.annual, null) ?? or(a.period, null) ?? {};
      tick('indicators', (or(at.op, null) ?? null) === bt.op, `row ${rk} #${b.seq} op ${at.op} != ${bt.op}`);
      tick('indicators', close(at.value, bt.value), `row ${rk} #${b.seq} value ${at.value} != ${bt.value}`);
      tick(
        'indicators',
        norm(at.unit) === norm(bt.unit),
        `row ${rk} #${b.seq} unit ${JSON.stringify(at.unit)} != ${JSON.stringify(bt.unit)}`,
      );
    });
  }
  const flags: Json[] = out.flags ?? [];
  for (const req of exp.flags_required ?? []) {
    const anyCol = req.code === 'row-sum-mismatch';
    const hit = flags.some(
      (f) => Number(f.row ?? -1) === req.row && (anyCol || f.column === req.column) && (!('code' in req) || f.code === req.code),
    );
    tick('flags', hit, `missing flag ${JSON.stringify(req)}`);
  }
  const allowed = new Set<number>(exp.mismatch_rows_allowed ?? []);
  const falses = flags.filter((f) => String(f.code ?? '').includes('mismatch') && !allowed.has(Number(f.row ?? -1)));
  for (const f of falses) misses.push(`false alarm: ${JSON.stringify(f).slice(0, 160)}`);
  const line = AREAS.map((a) => `${a} ${areas[a][0]}/${areas[a][1]}`).join(' ') + ` false-alarms ${falses.length}`;
  const exact = AREAS.every((a) => areas[a][0] === areas[a][1]) && falses.length === 0;
  return { areas, falseAlarms: falses.length, misses, exact, line };
}

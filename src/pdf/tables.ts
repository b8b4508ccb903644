/**
 * tables.ts — which of a document's tables are performance-target tables (绩效目标表).
 *
 * Owns: the verdict on each table a disclosure holds, by its title and its header, with the core's
 * vocabulary: a title that names 绩效目标 / 绩效指标; a header row that names indicator columns (一级 /
 * 二级 / 三级指标, 绩效指标, 指标值, 绩效目标); a form's keys for goals or indicators; the 一级 names
 * themselves (产出指标, 效益指标 …). The other tables of a budget disclosure (收支总表, 一般公共预算支出表,
 * 三公经费 …) name amounts and accounts but never indicators: they are listed and skipped. Also each
 * table's title as a person would name it.
 */
import { type Cell, isHeaderLike, matchFormKey, matchHeaderRow } from '../core';

/** A title (or a line of the table's top) that names a performance-target table. */
const TARGET_TITLE = /绩效目标|绩效指标|绩效自评|目标申报/;
/** The 一级 names and their usual headers, as a cell holds them (spaces left out). */
const LEVEL_ONE = /^(?:产出指标|效益指标|满意度指标|成本指标|一级指标|二级指标|三级指标)(?:\(.*\))?$/;
/** Column roles only an indicator table has. */
const INDICATOR_ROLES = ['indicators', 'level1', 'level2', 'level3', 'value', 'valuePeriod', 'goal'] as const;
/** How many of a table's first rows are searched for its header and keys. */
const SCAN_ROWS = 15;

export interface Verdict {
  target: boolean;
  /** Why, in a few words (English), for the listing: `title 绩效目标`, `header 一级指标`, `no indicator columns`. */
  why: string;
}

const textOf = (v: Cell): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const squeeze = (s: string): string => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

/** The verdict on a table from its title lines and its first rows. */
export function classify(title: string, cells: readonly (readonly Cell[])[]): Verdict {
  const t = squeeze(title);
  const m = TARGET_TITLE.exec(t);
  if (m !== null) return { target: true, why: `title ${m[0]}` };
  const scan = cells.slice(0, SCAN_ROWS);
  for (const row of scan) {
    const header = matchHeaderRow(row);
    if (isHeaderLike(header)) {
      const role = INDICATOR_ROLES.find((r) => header.columns[r] !== undefined);
      if (role !== undefined) return { target: true, why: `header ${role}` };
    }
  }
  for (const row of scan) {
    for (const v of row) {
      const s = squeeze(textOf(v));
      if (s === '' || s.length > 40) continue;
      const top = TARGET_TITLE.exec(s);
      if (top !== null) return { target: true, why: `title ${top[0]}` };
      if (LEVEL_ONE.test(s)) return { target: true, why: `indicator ${s}` };
      const key = matchFormKey(s);
      if (key !== null && (key.role === 'indicatorBlock' || key.role === 'goal')) return { target: true, why: `form key ${key.key}` };
    }
  }
  return { target: false, why: 'no indicator columns' };
}

/** A table's title: its title lines (up to the unit line), else a line of its top that reads as a title, else ''. */
export function titleOf(titleLines: readonly string[], cells: readonly (readonly Cell[])[]): string {
  const lines = titleLines.map((l) => l.trim()).filter((l) => l !== '' && !/^(?:金额)?单位[:：]/.test(l.replace(/\s+/g, '')));
  const named = lines.find((l) => /表/.test(l)) ?? lines[0];
  if (named !== undefined) return named;
  for (const row of cells.slice(0, 3)) {
    const texts = row.map(textOf).filter((s) => s.trim() !== '');
    if (texts.length === 1 && /表/.test(texts[0] as string)) return (texts[0] as string).trim();
  }
  return '';
}

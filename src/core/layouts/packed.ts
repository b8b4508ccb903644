/**
 * packed.ts — the packed-list layout: one row per project, its indicators packed in one cell.
 *
 * Owns: reading each row under the header into name / amounts / goal / indicator text,
 * realigning rows whose cells drifted left when a PDF page's empty columns collapsed,
 * recovering an amount glued to the front of the goal text, classifying rows
 * (title, header, grandTotal, candidate project, continuation, blank) and merging continuation
 * rows into the project they continue. Units among the candidates are decided later, by the
 * numbers (hierarchy/units.ts).
 */
import { AmountParse, parseAmount } from '../input/amount';
import { Cell, Grid } from '../input/grid';
import { defaultColumns, headerFields, isHeaderLike, matchHeaderRow } from '../input/header';
import { cellText, isCjk, joinFragments, normalizeLabel, squeezeSpaces, toHalfWidth, trimSpaces } from '../input/text';
import { ColumnMap } from '../input/vocabulary';
import { AMOUNT_ROLES, AmountRole } from '../contract/roles';
import { hasIndicatorStart } from '../indicators/packed-cell';
import { addMerged, AmountSlot, newRow, NO_AMOUNTS, NO_SLOT, scaledOf, TextCell, WorkRow } from '../rows/work-row';
import { amountColumns, isBlankCell, isGrandTotalName, isTitleLine, mayBeHeaderName } from './row-cells';
import type { LayoutReader, ReadFinding, ReadResult, TableStart } from './reader';
import * as msg from '../findings/messages';
import type { FieldReading } from '../contract/model';

/**
 * Prose, not an amount: text with CJK words in it (other than a glued 万/元), or long text.
 * An unparsable amount such as `12.3.4` or `1,2345` is not prose: it stays in its column and
 * is flagged there.
 */
export function isProse(v: Cell): boolean {
  if (typeof v !== 'string') return false;
  let cjk = 0;
  let len = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x20) continue;
    len++;
    if (isCjk(c) && c !== 0x4e07 /* 万 */ && c !== 0x5143 /* 元 */ && c !== 0x4ebf /* 亿 */ && (c < 0xff00 || c > 0xffef)) {
      if (++cjk >= 2) return true;
    }
  }
  return len > 30;
}

/** A word or two where an amount belongs (`待定`, `暂无`), not prose that drifted into the column. */
function isShortWord(v: Cell): boolean {
  return typeof v === 'string' && trimSpaces(v).length <= 6 && !/[,.;:，。；：、]/.test(v);
}

const TITLE_HINT = /单位:|绩效目标表|部门名称|预算表|^第\d+页|^\d+$|^\(\d{4}年?\)$/;

interface Extracted {
  amounts: Record<AmountRole, AmountSlot>;
  texts: TextCell[];
  aligned: boolean;
}

/**
 * Read a row's amounts and text cells. A row is aligned when every amount column holds an
 * amount or nothing; otherwise its cells drifted left, and they are read by content:
 * the leading run of amount-or-empty cells are the amounts in header order, the rest is text.
 */
function extract(
  cells: readonly Cell[],
  nameCol: number,
  amountCols: Array<[AmountRole, number]>,
  textCols: number[],
  empties: AmountSlot[],
): Extracted {
  const amounts = { total: NO_SLOT, fiscal: NO_SLOT, specialAccount: NO_SLOT, other: NO_SLOT };
  // A row whose last text column still holds its text has not drifted (a drifted row's cells moved
  // left, leaving the last columns empty): a word in an amount cell (`待定`) is then an amount that
  // cannot be read, flagged where it stands, never moved into the goal.
  const lastText = textCols.length > 0 ? Math.max(...textCols) : -1;
  const textInPlace = lastText >= 0 && isProse(cells[lastText]);
  const aligned = amountCols.every(([, c]) => !isProse(cells[c]) || (textInPlace && isShortWord(cells[c])));
  const texts: TextCell[] = [];
  if (aligned) {
    for (const [role, c] of amountCols) amounts[role] = slotOf(parseAmount(cells[c]), c, empties);
    for (const c of textCols) {
      const v = cells[c];
      if (!isBlankCell(v)) texts.push({ col: c, text: cellText(v) });
    }
    return { amounts, texts, aligned };
  }
  let c = nameCol + 1;
  let slot = 0;
  while (c < cells.length && slot < amountCols.length && !isProse(cells[c])) {
    const role = (amountCols[slot] as [AmountRole, number])[0];
    amounts[role] = slotOf(parseAmount(cells[c]), c, empties);
    slot++;
    c++;
  }
  for (; c < cells.length; c++) {
    const v = cells[c];
    if (!isBlankCell(v)) texts.push({ col: c, text: cellText(v) });
  }
  return { amounts, texts, aligned };
}

/**
 * The slot of an amount read from column `col`. An empty cell's slot is shared by the rows of one
 * read, one per column, in `empties` (slots are never mutated).
 */
function slotOf(parse: AmountParse, col: number, empties: AmountSlot[]): AmountSlot {
  if (parse.kind !== 'empty') return { parse, col, recovered: false };
  let s = empties[col];
  if (s === undefined) {
    s = Object.freeze({ parse, col, recovered: false });
    if (col < 256) empties[col] = s;
  }
  return s;
}

/** An amount glued to the front of the goal text: `44.36 干警调查研究能力…`. */
const GLUED_AMOUNT = /^\s*((?:\d{1,3}(?:,\d{3})+|\d+)\.\d{1,4})[ \u3000]*(?=[^\d.,%])/;

function tryRecoverGluedAmount(row: WorkRow, lastAmountRole: AmountRole | null): void {
  if (row.goal === null || lastAmountRole === null || lastAmountRole === 'total') return;
  // Read as cleaned (full-width digits and separators folded, which keeps every character's place).
  const m = GLUED_AMOUNT.exec(toHalfWidth(row.goal));
  if (m === null) return;
  const slot = row.amounts[lastAmountRole];
  if (slot.parse.kind !== 'empty') return;
  const glued = parseAmount(m[1] as string);
  const total = scaledOf(row.amounts.total);
  if (glued.kind !== 'value' || total === null) return;
  let parts = glued.scaled;
  for (const role of AMOUNT_ROLES) {
    if (role === 'total' || role === lastAmountRole) continue;
    const s = row.amounts[role];
    if (s.parse.kind === 'unparsable') return;
    parts += scaledOf(s) ?? 0;
  }
  // Only when the row then adds up: a number at the start of prose is otherwise prose.
  if (parts !== total) return;
  row.amounts[lastAmountRole] = { parse: glued, col: row.goalCol, recovered: true };
  row.goal = row.goal.slice(m[0].length);
}

function assignTexts(row: WorkRow, texts: TextCell[], aligned: boolean, cols: ColumnMap): void {
  const goals: TextCell[] = [];
  const inds: TextCell[] = [];
  for (const t of texts) {
    const isInd = hasIndicatorStart(t.text);
    if (aligned && t.col === cols.indicators) inds.push(t);
    else if (aligned && t.col === cols.goal && !isInd) goals.push(t);
    else if (isInd) inds.push(t);
    else if (!aligned && cols.indicators !== undefined && t.col === cols.indicators && /指标/.test(t.text)) inds.push(t);
    else goals.push(t);
  }
  if (goals.length > 0) {
    row.goal = goals.map((g) => g.text).join('');
    row.goalCol = (goals[0] as TextCell).col;
  }
  if (inds.length > 0) {
    row.indicatorText = inds.map((g) => g.text).join('');
    row.indicatorCol = (inds[0] as TextCell).col;
    // The indicator list shares a cell with the goal when it is not in its own column.
    const first = inds[0] as TextCell;
    row.mixedCell = first.col !== cols.indicators && goals.length === 0;
    if (row.mixedCell) row.goalCol = first.col;
  }
}

export interface PackedRead {
  rows: WorkRow[];
  unread: number[];
  findings: ReadFinding[];
  tables: TableStart[];
}

/** Read the rows of a packed-list table whose header is at `headerRow` (0-based). */
export function buildStructure(
  grid: Grid,
  headerRow: number | null,
  cols: ColumnMap,
  headerRows: readonly number[] = headerRow === null ? [] : [headerRow],
): PackedRead {
  const amountCols = amountColumns(cols);
  const nameCol = cols.name ?? 0;
  const unitCol = cols.unitName;
  const lastAmountRole = amountCols.length > 0 ? (amountCols[amountCols.length - 1] as [AmountRole, number])[0] : null;
  const textCols = [cols.goal, cols.indicators].filter((c): c is number => c !== undefined);
  const rows: WorkRow[] = [];
  const unread: number[] = [];
  const findings: ReadFinding[] = [];
  const headers: number[] = [];
  const empties: AmountSlot[] = [];
  let lastCandidate: WorkRow | null = null;
  let previous: WorkRow | null = null;
  for (let r = 0; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    const row = newRow(r, NO_AMOUNTS);
    rows.push(row);
    if (cells.every(isBlankCell)) continue;
    if (headerRow === null ? false : r < headerRow) {
      row.kind = 'title';
      continue;
    }
    const repeatedHeader =
      (mayBeHeaderName(cells[nameCol]) && isHeaderLike(matchHeaderRow(cells))) ||
      // The second row of a repeated two-row header.
      (headerRows.length > 1 && previous?.kind === 'header' && matchHeaderRow(cells).matched >= 2);
    if (headerRows.includes(r) || repeatedHeader) {
      row.kind = 'header';
      if (!headerRows.includes(r) || r === headerRows[0]) headers.push(r);
      previous = row;
      continue;
    }
    let nameText = squeezeSpaces(cellText(cells[nameCol]));
    let nameAt = nameCol;
    const unitText = unitCol === undefined ? '' : squeezeSpaces(cellText(cells[unitCol]));
    if (nameText === '' && unitText !== '') {
      // A unit named in its own column, with no project on its row.
      nameText = unitText;
      nameAt = unitCol as number;
    } else if (nameText === '') {
      // 合计 merged across 序号 and 项目名称 lands left of the name column when pasted.
      for (let c = 0; c < nameCol; c++) {
        const t = squeezeSpaces(cellText(cells[c]));
        if (t !== '' && isGrandTotalName(t)) {
          nameText = t;
          nameAt = c;
          break;
        }
      }
    } else if (unitText !== '') {
      row.unitName = unitText;
    }
    row.name = nameText === '' ? null : nameText;
    row.nameCol = nameText === '' ? null : nameAt;
    const ex = extract(cells, nameCol, amountCols, textCols, empties);
    row.amounts = ex.amounts;
    row.drifted = !ex.aligned;
    assignTexts(row, ex.texts, ex.aligned, cols);
    tryRecoverGluedAmount(row, lastAmountRole);
    if (row.goal !== null) row.goal = squeezeSpaces(row.goal);
    const hasAmount = AMOUNT_ROLES.some((k) => row.amounts[k].parse.kind !== 'empty');
    const hasText = row.goal !== null || row.indicatorText !== null;
    const onlyName = row.name !== null && !hasAmount && !hasText && cells.filter((v) => !isBlankCell(v)).length === 1;
    if (row.name !== null && isGrandTotalName(row.name)) {
      row.kind = 'grandTotal';
    } else if (row.name === null && !hasAmount) {
      if (hasText && lastCandidate !== null) {
        row.kind = 'continuation';
        mergeContinuation(lastCandidate, row);
      } else {
        row.kind = hasText ? 'continuation' : 'title';
        if (!isTitleLine(cells.map((v) => cellText(v)).join(''))) unread.push(r);
      }
    } else if (!hasAmount && !hasText && TITLE_HINT.test(normalizeLabel(row.name ?? ''))) {
      row.kind = 'title';
    } else if (
      onlyName &&
      previous !== null &&
      previous === lastCandidate &&
      previous.kind === 'project' &&
      hasAmounts(previous) &&
      (row.name as string).length <= 12
    ) {
      // A project name that wrapped onto a row of its own: joined to the name above, and said.
      const target: WorkRow = previous;
      const fragment = row.name as string;
      target.name = joinFragments(target.name ?? '', fragment);
      addMerged(target, r);
      row.kind = 'continuation';
      row.parent = target.index;
      row.name = null;
      findings.push({
        row,
        column: 'name',
        col: nameAt,
        severity: 'info',
        code: 'name-joined',
        message: msg.nameJoined(fragment, target.name),
      });
    } else {
      row.kind = 'project';
      lastCandidate = row;
    }
    previous = row;
  }
  return { rows, unread, findings, tables: repeatedTables(rows, headers) };
}

const hasAmounts = (r: WorkRow): boolean => AMOUNT_ROLES.some((k) => r.amounts[k].parse.kind !== 'empty');

/**
 * The same table pasted twice: a header row again, followed by the rows that followed the first
 * header (the same names and totals, at least the first three or all there are). Each copy is a
 * table of its own, so their amounts are never summed together.
 */
function repeatedTables(rows: readonly WorkRow[], headers: readonly number[]): TableStart[] {
  const tables: TableStart[] = [{ start: 0, repeatOf: null }];
  if (headers.length < 2) return tables;
  const candidatesAfter = (h: number, n: number): WorkRow[] => {
    const out: WorkRow[] = [];
    for (let r = h + 1; r < rows.length && out.length < n; r++) {
      const row = rows[r] as WorkRow;
      if (row.kind === 'header') break;
      if (row.kind === 'project' || row.kind === 'grandTotal') out.push(row);
    }
    return out;
  };
  const first = headers[0] as number;
  const ref = candidatesAfter(first, 3);
  if (ref.length === 0) return tables;
  for (const h of headers.slice(1)) {
    const again = candidatesAfter(h, ref.length);
    const same =
      again.length === ref.length &&
      again.every((row, i) => {
        const o = ref[i] as WorkRow;
        return row.name === o.name && scaledOf(row.amounts.total) === scaledOf(o.amounts.total);
      });
    if (same) tables.push({ start: h, repeatOf: first });
  }
  return tables;
}

/** Append a continuation row's text to the row it continues. */
function mergeContinuation(target: WorkRow, cont: WorkRow): void {
  addMerged(target, cont.index);
  cont.parent = target.index;
  if (cont.indicatorText !== null) {
    target.indicatorText = target.indicatorText === null ? cont.indicatorText : joinFragments(target.indicatorText, cont.indicatorText);
    if (target.indicatorCol === null) target.indicatorCol = cont.indicatorCol;
  }
  if (cont.goal !== null) {
    if (target.mixedCell && target.goal === null && target.indicatorText !== null && cont.indicatorText === null) {
      // The goal and list shared one cell: the fragment continues that cell.
      target.indicatorText = joinFragments(target.indicatorText, cont.goal);
    } else {
      target.goal = target.goal === null ? cont.goal : joinFragments(target.goal, cont.goal);
      if (target.goalCol === null) target.goalCol = cont.goalCol;
    }
  }
}

/** Packed lists: the layout of any table that is not recognised as another (score 1). */
export const packedReader: LayoutReader = {
  detect() {
    return 1;
  },
  read(cells, { header }): ReadResult {
    // Without a header the default order is assumed, from the table's first column (a paste from column B starts there).
    const columns = header?.columns ?? defaultColumns(cells);
    const headerRow = header?.row ?? null;
    const read = buildStructure(cells, headerRow, columns, header?.rows);
    return {
      rows: read.rows,
      columns,
      headerRow,
      headerMissing: header === null,
      headerRows: header?.rows ?? [],
      fields: header === null ? defaultFields(cells, columns) : headerFields(cells, header),
      unread: read.unread,
      findings: read.findings,
      tables: read.tables,
    };
  },
};

/** The columns assumed without a header (from the table's first column), as the reading reports them. */
function defaultFields(cells: Grid, columns: ColumnMap): FieldReading[] {
  // Up to the last column with content (a range selected wider than the table adds none).
  let width = 0;
  for (const r of cells.slice(0, 50)) for (let c = r.length - 1; c >= width; c--) if (!isBlankCell(r[c])) width = c + 1;
  const roleAt = new Map<number, FieldReading['role']>();
  for (const [role, c] of Object.entries(columns) as Array<[FieldReading['role'], number]>) roleAt.set(c, role);
  // What each column holds on the first row with content, so that a user can tell the columns apart.
  const first = cells.find((r) => r.some((v) => !isBlankCell(v))) ?? [];
  const out: FieldReading[] = [];
  for (let c = columns.name ?? 0; c < width; c++) {
    const text = squeezeSpaces(cellText(first[c])).slice(0, 40);
    out.push({ row: null, col: c, text, role: roleAt.get(c) ?? 'ignore', confidence: 'low', evidence: 'default' });
  }
  return out;
}

/**
 * detect.ts — which layout a pasted table is (domain.md, "Layouts").
 *
 * Owns: the first look at the table that every reader's `detect` judges (its header row, its first
 * form row: a name key's, or the first of its key rows when no name key is recognised), and picking
 * the reader with the highest score. Ties go to the earlier layout in order of preference: tree, grid,
 * form, packed.
 */
import type { Grid } from '../input/grid';
import { firstUsedRow } from '../input/text';
import { findHeader, findListHeader } from '../input/header';
import { formKeyRoles, isFormNameRow, joinSplitLabels } from './form';
import { READERS } from './index';
import { Layout } from '../contract/layouts';
import type { Survey } from './reader';
import { findTreeHeader, indentLevels } from './tree';

/** Rows looked at for a form's name row. */
const FORM_SCAN = 60;
/**
 * Key/value rows of a form's body (amounts, the goal …), of two roles at least, that make a table with
 * no list header a form when no name key was recognised.
 */
const FORM_KEY_ROWS = 3;
const PREFERENCE: readonly Layout[] = ['tree', 'grid', 'form', 'packed'];

export function survey(cells: Grid): Survey {
  const header = findHeader(cells);
  const list = findListHeader(cells);
  // A list's header (a name and an amount column) makes a name row above it a title line
  // (`部门名称: 广州市中级人民法院` over the list), not the start of a form.
  const listRow = list?.row ?? -1;
  const scan = Math.min(cells.length, firstUsedRow(cells) + FORM_SCAN);
  let formRow = -1;
  // Key rows of a form whose name key is not recognised (OCR damage, a key nobody anticipated): the
  // form starts at the first of them when there are enough, with no list header between.
  const keyRows: number[] = [];
  const roles = new Set<string>();
  for (let r = listRow + 1; r < scan; r++) {
    const row = joinSplitLabels(cells[r] ?? []);
    if (isFormNameRow(row)) {
      formRow = r;
      break;
    }
    const found = list === null ? formKeyRoles(row) : [];
    if (found.length === 0) continue;
    keyRows.push(r);
    for (const role of found) roles.add(role);
  }
  if (formRow < 0 && keyRows.length >= FORM_KEY_ROWS && roles.size >= 2) formRow = keyRows[0] as number;
  // A tree export whose header the vocabulary does not name is found by its indentation.
  const tree = header === null || header.columns.name === undefined ? findTreeHeader(cells) : null;
  const head = tree ?? header;
  return { header: head, listHeader: list, formRow, indents: head === null ? 0 : indentLevels(cells, head).length };
}

export interface LayoutGuess {
  layout: Layout;
  survey: Survey;
  scores: Record<Layout, number>;
}

export function detectLayout(cells: Grid): LayoutGuess {
  const s = survey(cells);
  const scores = {
    tree: READERS.tree.detect(s),
    grid: READERS.grid.detect(s),
    form: READERS.form.detect(s),
    packed: READERS.packed.detect(s),
  };
  return { layout: best(scores), survey: s, scores };
}

/** The layout whose reader scores a survey highest. */
export function bestLayout(s: Survey): Layout {
  return best({
    tree: READERS.tree.detect(s),
    grid: READERS.grid.detect(s),
    form: READERS.form.detect(s),
    packed: READERS.packed.detect(s),
  });
}

/** Strictly greater wins, so a tie keeps the layout earlier in order of preference. */
function best(scores: Record<Layout, number>): Layout {
  return PREFERENCE.reduce((a, l) => (scores[l] > scores[a] ? l : a));
}

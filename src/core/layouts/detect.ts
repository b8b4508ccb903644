/**
 * detect.ts — which layout a pasted table is (domain.md, "Layouts").
 *
 * Owns: the first look at the table that every reader's `detect` judges (its header row, its first
 * form name row), and picking the reader with the highest score. Ties go to the earlier layout in
 * order of preference: tree, grid, form, packed.
 */
import type { Grid } from '../input/grid';
import { findHeader, findListHeader } from '../input/header';
import { isFormNameRow, joinSplitLabels } from './form';
import { READERS } from './index';
import { Layout } from '../contract/layouts';
import type { Survey } from './reader';
import { indentLevels } from './tree';

/** Rows looked at for a form's name row. */
const FORM_SCAN = 60;
const PREFERENCE: readonly Layout[] = ['tree', 'grid', 'form', 'packed'];

export function survey(cells: Grid): Survey {
  const header = findHeader(cells);
  const list = findListHeader(cells);
  // A list's header (a name and an amount column) makes a name row above it a title line
  // (`部门名称: 广州市中级人民法院` over the list), not the start of a form.
  const listRow = list?.row ?? -1;
  const scan = Math.min(cells.length, FORM_SCAN);
  let formRow = -1;
  for (let r = listRow + 1; r < scan; r++) {
    if (isFormNameRow(joinSplitLabels(cells[r] ?? []))) {
      formRow = r;
      break;
    }
  }
  return { header, listHeader: list, formRow, indents: header === null ? 0 : indentLevels(cells, header).length };
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

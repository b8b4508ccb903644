/**
 * layout.ts — which of the three layouts a pasted table is (domain.md, "Layouts").
 *
 * Owns: telling them apart from the cells alone. A header that names indicator-grid columns
 * (一级指标 / 二级指标) together with a project or amount column is a grid list; an indicator
 * grid with 项目名称 key/value rows above it is a single-project form; anything else is a
 * packed list (one row per project, indicators in one cell).
 */
import { findHeader, HeaderMatch } from './columns';
import { isFormNameRow, joinSplitLabels } from './form';
import type { Grid } from './grid';

export const LAYOUTS = ['packed', 'grid', 'form'] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface LayoutGuess {
  layout: Layout;
  header: HeaderMatch | null;
}

export function detectLayout(grid: Grid): LayoutGuess {
  const header = findHeader(grid);
  const scan = Math.min(grid.length, 60);
  let formRow = -1;
  for (let r = 0; r < scan; r++) {
    if (isFormNameRow(joinSplitLabels(grid[r] ?? []))) {
      formRow = r;
      break;
    }
  }
  if (header !== null && header.columns.level1 !== undefined && header.columns.level2 !== undefined) {
    const hasProjectColumns = header.columns.name !== undefined || header.columns.total !== undefined;
    if (hasProjectColumns && (formRow < 0 || formRow > header.row)) return { layout: 'grid', header };
    return { layout: 'form', header: null };
  }
  if (formRow >= 0) return { layout: 'form', header: null };
  return { layout: 'packed', header };
}

/**
 * entity-targets.ts — a form whose indicator grid gives one target column per entity (a village, a
 * school), after an allocation list of those entities' projects.
 *
 * Owns: matching the grid's entity columns (`西坪镇尧山村`) to the projects of the list above it by their
 * text (`西坪镇 | 尧山村排洪排水工程建设`), giving each project the indicators with its own column's
 * targets, and making the fund form, which restates the list's money, the list's title and header
 * rows rather than a further project. Where the columns cannot all be matched one to one, nothing moves:
 * the form reader's finding says the targets were not read.
 */
import type { Grid } from '../input/grid';
import { cellText, normalizeLabel } from '../input/text';
import type { Layout } from '../contract/layouts';
import { buildIndicators, indicatorCells, type IndicatorCells } from '../indicators/grid-row';
import type { RunCache } from '../indicators/intern';
import type { ReadResult } from './reader';
import { newRow, type WorkRow } from '../rows/work-row';
import { gridHeader, joinSplitLabels } from './form';

/** What this step needs of a table of the paste (paste.ts's TablePart). */
export interface EntityPart {
  start: number;
  end: number;
  layout: Layout;
  read: ReadResult;
}

/** The length of the longest run of characters two texts share. */
function commonRun(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
      if (k > best) best = k;
    }
  }
  return best;
}

/** Each entity's project: the one whose row shares the longest run with the entity's label, one to one; null when any is unsure. */
function matchEntities(labels: readonly string[], projects: ReadonlyArray<{ row: WorkRow; text: string }>): WorkRow[] | null {
  const out: WorkRow[] = [];
  for (const label of labels) {
    const l = normalizeLabel(label);
    const scores = projects.map((p) => commonRun(l, p.text));
    const best = Math.max(0, ...scores);
    if (best < 2 || scores.filter((s) => s === best).length !== 1) return null;
    const p = projects[scores.indexOf(best)] as { row: WorkRow };
    if (out.includes(p.row)) return null;
    out.push(p.row);
  }
  return out;
}

/**
 * Forms of the paste whose grid has entity columns matching a list part's projects above them: each
 * project takes its column's targets, the list is read as a grid of them, and the form's rows become
 * title and header rows. The reading's finding about the columns is withdrawn for the forms so read.
 */
export function attachEntityTargets(cells: Grid, parts: EntityPart[], cache: RunCache): void {
  for (let i = 1; i < parts.length; i++) {
    const form = parts[i] as EntityPart;
    if (form.layout !== 'form') continue;
    const list = parts
      .slice(0, i)
      .reverse()
      .find((p) => p.layout === 'packed' || p.layout === 'grid');
    if (list === undefined) continue;
    const rows = form.read.rows;
    // A form already read so (no project left in it) is left as it is.
    if (!rows.slice(form.start, form.end).some((w) => w?.kind === 'project')) continue;
    const headerIndex = rows.findIndex(
      (w, r) => r >= form.start && r < form.end && w?.kind === 'header' && gridHeader(joinSplitLabels(cells[r] ?? [])) !== null,
    );
    if (headerIndex < 0) continue;
    const header = gridHeader(joinSplitLabels(cells[headerIndex] ?? [])) as NonNullable<ReturnType<typeof gridHeader>>;
    if (header.entities.length < 2) continue;
    const projects: Array<{ row: WorkRow; text: string }> = [];
    for (let r = list.start; r < list.end; r++) {
      const w = list.read.rows[r];
      if (w?.kind !== 'project') continue;
      projects.push({ row: w, text: normalizeLabel((cells[r] ?? []).map((v) => cellText(v)).join('')) });
    }
    const matched = matchEntities(
      header.entities.map(([, t]) => t),
      projects,
    );
    if (matched === null) continue;
    const gridRows: number[] = [];
    for (let r = headerIndex + 1; r < form.end; r++) {
      const w = rows[r];
      if (w === undefined || (w.kind !== 'continuation' && w.kind !== 'project')) continue;
      if (
        indicatorCells(joinSplitLabels(cells[r] ?? []), header.cols) !== null ||
        header.entities.some(([c]) => cellText(cells[r]?.[c]).trim() !== '')
      )
        gridRows.push(r);
    }
    if (gridRows.length === 0) continue;
    header.entities.forEach(([col], k) => {
      const cols = { ...header.cols, value: col };
      const inds = gridRows
        .map((r) => indicatorCells(joinSplitLabels(cells[r] ?? []), cols))
        .filter((x): x is IndicatorCells => x !== null);
      (matched[k] as WorkRow).indicators = buildIndicators(inds, { cols, secondLabel: null }, cache);
    });
    // The fund form restates the list's money: its rows are the list's titles and header, not a project.
    for (let r = form.start; r < form.end; r++) {
      const w = rows[r];
      if (w === undefined || w.kind === 'blank') continue;
      const t = newRow(r);
      t.kind = w.kind === 'header' ? 'header' : 'title';
      rows[r] = t;
    }
    form.read.findings = form.read.findings.filter((f) => f.code !== 'reading-uncertain' || f.row.index !== headerIndex);
    list.layout = 'grid';
  }
}

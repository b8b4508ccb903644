/**
 * pages.ts — a page selection (`3-7,9`) as page numbers.
 *
 * Owns: the syntax of `--pages` (and of the pane's page field, when it has one): numbers and ranges,
 * comma-separated, 1-based; an open range (`5-`) runs to the last page. A page past the end is an error
 * only when no page of the selection exists.
 */

export class PageSpecError extends Error {}

const PART = /^(\d+)(?:\s*[-–]\s*(\d*))?$/;

/** The ranges of a selection, `to` null for an open range; a bad selection throws PageSpecError. */
export function parsePageSpec(spec: string): Array<{ from: number; to: number | null }> {
  return spec.split(',').map((raw) => {
    const part = raw.trim();
    const m = PART.exec(part);
    if (m === null) throw new PageSpecError(`invalid page selection "${spec}": use page numbers and ranges such as 3-7,9`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : m[2] === '' ? null : Number(m[2]);
    if (from < 1 || (to !== null && to < from))
      throw new PageSpecError(`invalid page range "${part}": pages count from 1, and a range runs upwards`);
    return { from, to };
  });
}

/** The pages `spec` selects in a document of `numPages` pages, in order, each once. */
export function selectPages(spec: string, numPages: number): number[] {
  const chosen = new Set<number>();
  for (const { from, to } of parsePageSpec(spec)) for (let p = from; p <= Math.min(to ?? numPages, numPages); p++) chosen.add(p);
  if (chosen.size === 0)
    throw new PageSpecError(`no page of "${spec}" is in the document, which has ${numPages} page${numPages === 1 ? '' : 's'}`);
  return [...chosen].sort((a, b) => a - b);
}

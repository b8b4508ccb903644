/**
 * write.ts — a small PDF writer, for the tests and the benchmark: tables drawn as departments' tools
 * draw them, without any of those tools.
 *
 * Owns: a document of pages holding stroked lines, filled rectangles and text, written as PDF 1.4 with
 * uncompressed content streams. Text uses fonts that are not embedded, as a PDF made on an office
 * machine with 宋体 often does: Chinese in Adobe's STSong-Light through the predefined UniGB-UCS2-H
 * CMap (a reader needs the CMap files to map it to Unicode), Latin in Helvetica (one of the standard 14).
 * `tablePdf` lays a grid out as a ruled table over as many pages as it needs: borders stroked or drawn as
 * thin filled rectangles, merged cells, a header repeated on every page, a title block above, digits in
 * another font than the Chinese around them, fake bold. Not a general PDF library: no images, no
 * compression, no embedding; a "picture" is one grey pixel.
 */

export type DrawOp =
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number }
  | { kind: 'rect'; x: number; y: number; w: number; h: number }
  /** A picture (a one-pixel grey image stretched over the box), as a scanned page is one. */
  | { kind: 'image'; x: number; y: number; w: number; h: number }
  | {
      kind: 'text';
      x: number;
      /** The baseline, from the page's top. */
      y: number;
      size: number;
      text: string;
      /** Fake bold: the text drawn a second time, 0.3 pt to the right. */
      twice?: boolean;
    };

export interface PageDraw {
  /** The page as it is seen (after any rotation). */
  width: number;
  height: number;
  /** Coordinates in points from the page's top-left corner as it is seen. */
  ops: DrawOp[];
  /**
   * 90: a landscape page stored as a portrait one turned by /Rotate 90 (as many scanned-to-PDF and
   * printed disclosures are): its content is drawn turned, and a reader sees it upright.
   */
  rotate?: 90;
}

const isLatin = (ch: string): boolean => (ch.codePointAt(0) ?? 0) < 0x80;

/** A character's advance in ems in the fonts used: ASCII in Helvetica (its own widths), everything else 1 em in STSong-Light. */
export function advance(ch: string): number {
  return isLatin(ch) ? (HELVETICA[(ch.codePointAt(0) ?? 32) - 32] ?? 556) / 1000 : 1;
}

export const textWidth = (s: string, size: number): number => [...s].reduce((n, ch) => n + advance(ch), 0) * size;

/** Helvetica's widths (1/1000 em) for ASCII 32–126, as its AFM gives them. */
const HELVETICA: readonly number[] = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278,
  278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
  667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556,
  556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** A run of text in one font: Latin in Helvetica, the rest in STSong-Light. */
function fontRuns(text: string): Array<{ latin: boolean; text: string }> {
  const out: Array<{ latin: boolean; text: string }> = [];
  for (const ch of text) {
    const latin = isLatin(ch);
    const last = out[out.length - 1];
    if (last !== undefined && last.latin === latin) last.text += ch;
    else out.push({ latin, text: ch });
  }
  return out;
}

const helveticaWidth = (s: string): number => [...s].reduce((n, ch) => n + advance(ch), 0);
const literal = (s: string): string => `(${s.replace(/[\\()]/g, (m) => `\\${m}`)})`;
const ucs2 = (s: string): string =>
  `<${[...s]
    .map((ch) => {
      const c = ch.codePointAt(0) ?? 0x3f;
      return (c > 0xffff ? 0x3f : c).toString(16).padStart(4, '0');
    })
    .join('')}>`;
const num = (n: number): string => (Math.round(n * 1000) / 1000).toString();

/** The content stream of a page. */
function content(page: PageDraw): string {
  const h = page.height;
  // A page stored portrait and shown turned by 90°: its landscape content drawn into the portrait space.
  const out: string[] = page.rotate === 90 ? [`q 0 1 -1 0 ${num(h)} 0 cm 0 G 0 g`] : ['0 G 0 g'];
  for (const op of page.ops) {
    if (op.kind === 'line') out.push(`${num(op.width)} w ${num(op.x1)} ${num(h - op.y1)} m ${num(op.x2)} ${num(h - op.y2)} l S`);
    else if (op.kind === 'rect') out.push(`${num(op.x)} ${num(h - op.y - op.h)} ${num(op.w)} ${num(op.h)} re f`);
    else if (op.kind === 'image') out.push(`q ${num(op.w)} 0 0 ${num(op.h)} ${num(op.x)} ${num(h - op.y - op.h)} cm /Im0 Do Q`);
    else {
      for (const dx of op.twice === true ? [0, 0.3] : [0]) {
        let x = op.x + dx;
        for (const run of fontRuns(op.text)) {
          const font = run.latin ? '/F2' : '/F1';
          const shown = run.latin ? literal(run.text) : ucs2(run.text);
          out.push(`BT ${font} ${num(op.size)} Tf 1 0 0 1 ${num(x)} ${num(h - op.y)} Tm ${shown} Tj ET`);
          x += (run.latin ? helveticaWidth(run.text) : [...run.text].length) * op.size;
        }
      }
    }
  }
  if (page.rotate === 90) out.push('Q');
  return out.join('\n');
}

/** A PDF file of the pages. */
export function writePdf(pages: readonly PageDraw[]): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const descriptor = add(
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  );
  const cidFont = add(
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> ' +
      `/FontDescriptor ${descriptor} 0 R /DW 1000 >>`,
  );
  const f1 = add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`);
  const f2 = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const image = add(
    '<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\nx\nendstream',
  );
  const kids: number[] = [];
  for (const page of pages) {
    const stream = content(page);
    const bytes = new TextEncoder().encode(stream).length;
    const c = add(`<< /Length ${bytes} >>\nstream\n${stream}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${page.rotate === 90 ? `${num(page.height)} ${num(page.width)}] /Rotate 90` : `${num(page.width)} ${num(page.height)}]`} /Resources << /Font << /F1 ${f1} 0 R /F2 ${f2} 0 R >> /XObject << /Im0 ${image} 0 R >> >> /Contents ${c} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  let offset = 0;
  const push = (s: string): void => {
    const b = enc.encode(s);
    parts.push(b);
    offset += b.length;
  };
  push('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n');
  const offsets: number[] = [];
  objects.forEach((body, k) => {
    offsets.push(offset);
    push(`${k + 1} 0 obj\n${body}\nendobj\n`);
  });
  const xref = offset;
  push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`);
  for (const o of offsets) push(`${String(o).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(offset);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface TableDraw {
  /** The table's rows (one string per cell; '' for empty). */
  rows: readonly (readonly string[])[];
  /** Lines above the table on its first page (a title block), not ruled. */
  title?: readonly string[];
  /** Borders stroked (spreadsheet exports), drawn as 0.5 pt filled rectangles (word processors), or none (text aligned in columns). */
  borders?: 'stroke' | 'fill' | 'none';
  /** Merged cells, 0-based inclusive: [row0, col0, row1, col1]. */
  merges?: ReadonlyArray<readonly [number, number, number, number]>;
  /** The first rows, printed again at the top of every page. */
  repeatRows?: number;
  /** Rows of a page at most (default: as many as fit). */
  rowsPerPage?: number;
  /** Font size (default 9). */
  size?: number;
  /** Cells drawn in fake bold (text drawn twice): the header rows by default when set. */
  fakeBold?: boolean;
  /** Column widths in points (default: by their text, up to 260). */
  widths?: readonly number[];
  /** Landscape A4 (default) or portrait. */
  portrait?: boolean;
}

/** A cell's text wrapped to lines that fit `width` points (Chinese anywhere, Latin at spaces when it can). */
export function wrapText(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const ch of para) {
      if (line !== '' && textWidth(line + ch, size) > width) {
        const space = line.lastIndexOf(' ');
        if (isLatin(ch) && ch !== ' ' && space > 0 && [...line.slice(space + 1)].every(isLatin)) {
          lines.push(line.slice(0, space));
          line = line.slice(space + 1) + ch;
        } else {
          lines.push(line.trimEnd());
          line = ch === ' ' ? '' : ch;
        }
      } else line += ch;
    }
    lines.push(line);
  }
  return lines;
}

/** A grid laid out as a ruled table over pages. */
export function tablePdf(t: TableDraw): PageDraw[] {
  return documentPdf([t]);
}

/**
 * Tables laid out one after another, as a disclosure prints them: each with its title block, on the page
 * where the last one ended when its title, first rows and all fit there, else on a new page; a table
 * longer than a page goes on over the next pages (its `repeatRows` printed again at the top of each).
 */
export function documentPdf(tables: readonly TableDraw[]): PageDraw[] {
  const first = tables[0];
  const [pw, ph] = first?.portrait === true ? [595.28, 841.89] : [841.89, 595.28];
  const margin = 36;
  const pages: PageDraw[] = [];
  let ops: DrawOp[] = [];
  let y = margin;
  const newPage = (): void => {
    ops = [];
    pages.push({ width: pw, height: ph, ops });
    y = margin;
  };
  newPage();
  for (const t of tables) {
    const size = t.size ?? 9;
    const pad = 2;
    const lead = size * 1.25;
    const ncol = Math.max(1, ...t.rows.map((r) => r.length));
    const natural = Array.from({ length: ncol }, (_, c) =>
      Math.min(260, Math.max(30, ...t.rows.map((r) => textWidth(r[c] ?? '', size) + 2 * pad + 1))),
    );
    // Without lines, columns stand apart by a gutter of 2 ems.
    const gutter = t.borders === 'none' ? 2 * size : 0;
    let widths = t.widths !== undefined ? [...t.widths] : natural;
    const total = widths.reduce((a, b) => a + b + gutter, 0);
    if (total > pw - 2 * margin) widths = widths.map((w) => ((w + gutter) * (pw - 2 * margin)) / total - gutter);
    const xs = [margin];
    for (const w of widths) xs.push((xs[xs.length - 1] as number) + w + gutter);
    // Each merged range by its top-left cell; the cells it covers.
    const mergeAt = new Map<string, readonly [number, number, number, number]>();
    const covered = new Set<string>();
    const mergeOf = new Map<string, readonly [number, number, number, number]>();
    for (const m of t.merges ?? []) {
      mergeAt.set(`${m[0]},${m[1]}`, m);
      for (let r = m[0]; r <= m[2]; r++)
        for (let c = m[1]; c <= m[3]; c++) {
          mergeOf.set(`${r},${c}`, m);
          if (r !== m[0] || c !== m[1]) covered.add(`${r},${c}`);
        }
    }
    const cellWidth = (r: number, c: number): number => {
      const m = mergeAt.get(`${r},${c}`);
      return (xs[(m === undefined ? c : m[3]) + 1] as number) - (xs[c] as number) - gutter;
    };
    const ruled = t.borders !== 'none';
    const heights = t.rows.map((row, r) => {
      let lines = 1;
      row.forEach((text, c) => {
        if (covered.has(`${r},${c}`)) return;
        const m = mergeAt.get(`${r},${c}`);
        const span = m === undefined ? 1 : m[2] - m[0] + 1;
        lines = Math.max(lines, Math.ceil(wrapText(text, cellWidth(r, c) - 2 * pad, size).length / span));
      });
      return lines * lead + (ruled ? 2 * pad : 0);
    });
    const titleHeight = (t.title ?? []).length * size * 2.2;
    if (y > margin && y + titleHeight + (heights[0] ?? 0) + (heights[1] ?? 0) > ph - margin) newPage();
    for (const line of t.title ?? []) {
      ops.push({ kind: 'text', x: margin, y: y + size * 1.4, size: size * 1.4, text: line });
      y += size * 2.2;
    }
    const repeat = t.repeatRows ?? 0;
    let r = 0;
    let part = 0;
    while (r < t.rows.length) {
      if (part > 0) newPage();
      const onPage: number[] = [];
      if (part > 0) for (let k = 0; k < repeat; k++) onPage.push(k);
      const limit = (t.rowsPerPage ?? Infinity) + (part > 0 ? repeat : 0);
      let used = onPage.reduce((n, k) => n + (heights[k] as number), 0);
      const start = r;
      // A merged block is never cut by a page: a row is taken with every row a merge starting in it covers.
      while (r < t.rows.length && onPage.length < limit) {
        let end = r;
        for (let c = 0; c < ncol; c++) {
          const m = mergeAt.get(`${r},${c}`);
          if (m !== undefined) end = Math.max(end, m[2]);
        }
        const h = heights.slice(r, end + 1).reduce((a, b) => a + b, 0);
        if (r > start && y + used + h > ph - margin) break;
        for (let k = r; k <= end; k++) onPage.push(k);
        used += h;
        r = end + 1;
      }
      part++;
      const top = y;
      const rowTop: number[] = [];
      for (const k of onPage) {
        rowTop.push(y);
        y += heights[k] as number;
      }
      rowTop.push(y);
      const line = (x1: number, y1: number, x2: number, y2: number): void => {
        if (!ruled) return;
        if (t.borders === 'fill') {
          const w = 0.5;
          if (y1 === y2) ops.push({ kind: 'rect', x: x1 - w / 2, y: y1 - w / 2, w: x2 - x1 + w, h: w });
          else ops.push({ kind: 'rect', x: x1 - w / 2, y: y1 - w / 2, w, h: y2 - y1 + w });
        } else ops.push({ kind: 'line', x1, y1, x2, y2, width: 0.5 });
      };
      // Each cell's top and left border, unless a merge covers it; the table's right and bottom edges.
      onPage.forEach((k, i) => {
        for (let c = 0; c < ncol; c++) {
          const x0 = xs[c] as number;
          const y0 = rowTop[i] as number;
          const y1 = rowTop[i + 1] as number;
          const m = mergeOf.get(`${k},${c}`);
          if (m === undefined || k === m[0] || i === 0) line(x0, y0, xs[c + 1] as number, y0);
          if (m === undefined || c === m[1]) line(x0, y0, x0, y1);
          const text = t.rows[k]?.[c] ?? '';
          if (covered.has(`${k},${c}`) || text === '') continue;
          const bold = t.fakeBold === true && k < Math.max(1, repeat);
          wrapText(text, cellWidth(k, c) - 2 * pad, size).forEach((l, n) =>
            ops.push({
              kind: 'text',
              x: x0 + pad,
              y: y0 + (ruled ? pad : 0) + size * 0.9 + n * lead,
              size,
              text: l,
              ...(bold ? { twice: true } : {}),
            }),
          );
        }
      });
      line(xs[0] as number, y, xs[ncol] as number, y);
      line(xs[ncol] as number, top, xs[ncol] as number, y);
    }
    y += 24;
  }
  return pages;
}

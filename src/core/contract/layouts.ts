/**
 * names.ts — the layouts a table can have, named once. The contract's and the options' zod enums
 * are built from this list, and `READERS` (layouts/index.ts) has one reader for each.
 *
 * packed: one row per project, indicators packed in one cell; grid: one row per indicator;
 * form: one project per form, key/value rows then an indicator grid; tree: one name column whose
 * indentation gives unit, project, 一级, 二级 and 三级.
 */
export const LAYOUTS = ['packed', 'grid', 'form', 'tree'] as const;
export type Layout = (typeof LAYOUTS)[number];

/**
 * index.ts — the layout readers, one per layout, as a table that `normalize` consults.
 */
import { formReader } from './form';
import { gridReader } from './gridlist';
import type { Layout } from '../contract/layouts';
import { packedReader } from './packed';
import { treeReader } from './tree';
import type { LayoutReader } from './reader';

export const READERS: Record<Layout, LayoutReader> = {
  packed: packedReader,
  grid: gridReader,
  form: formReader,
  tree: treeReader,
};

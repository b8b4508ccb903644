/** Public surface of the pure core. */
export * from './input/amount';
export * from './input/vocabulary';
export * from './input/header';
export * from './input/grid';
export { hasIndicatorStart, parseIndicatorCell, PackedCellParser } from './indicators/packed-cell';
export type { IndicatorCellParse } from './indicators/packed-cell';
export * from './output/model';
export * from './normalize';
export * from './options';
export { parseTarget } from './indicators/target';
export { LAYOUTS } from './layouts/names';
export type { Layout } from './layouts/names';
export { COLUMN_LABEL } from './checks/messages';

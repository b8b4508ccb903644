/** Public surface of the pure core. */
export * from './amount';
export * from './columns';
export * from './grid';
export * from './indicators';
export * from './model';
export * from './normalize';
export * from './options';
export * from './target';
export { COLUMN_LABEL } from './messages';

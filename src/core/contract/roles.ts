/**
 * roles.ts — the roles a column or a form key can be given, named once.
 *
 * Owns: the lists the contract's, the mapping's and the vocabulary's enums are built from. The names
 * each role goes by are the vocabulary's (input/vocabulary.ts).
 */
export const AMOUNT_ROLES = ['total', 'fiscal', 'specialAccount', 'other'] as const;
export type AmountRole = (typeof AMOUNT_ROLES)[number];

/** Roles of an indicator grid's columns. */
export const GRID_ROLES = [
  'unitName',
  'level1',
  'level2',
  'level3',
  'description',
  'op',
  'value',
  'valuePeriod',
  'valueSecond',
  'measureUnit',
  'weight',
  'direction',
] as const;
export type GridRole = (typeof GRID_ROLES)[number];

/** Every column role; `category`, `standard`, `seq` and `note` are read and kept out of the model. */
export const COLUMN_ROLES = ['name', ...AMOUNT_ROLES, 'goal', 'indicators', ...GRID_ROLES, 'category', 'standard', 'seq', 'note'] as const;
export type Role = (typeof COLUMN_ROLES)[number];

/** Roles of a form's keys: the project's fields, and the keys that are read but not kept. */
export const FORM_ROLES = ['name', ...AMOUNT_ROLES, 'goal', 'purpose', 'info', 'funding', 'indicatorBlock'] as const;
export type FormRole = (typeof FORM_ROLES)[number];

/** Every role the reading reports for a column or a key, and `ignore` (read, and left out). */
export const READING_ROLES = [...COLUMN_ROLES, 'purpose', 'info', 'funding', 'indicatorBlock', 'ignore'] as const;
export type ReadingRole = (typeof READING_ROLES)[number];

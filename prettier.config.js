// The Office add-in Prettier settings (office-addin-prettier-config), with the project's single quotes and
// a wider line: the tables of names and rules in src/core read better one entry per line.
module.exports = {
  ...require('office-addin-prettier-config'),
  singleQuote: true,
  printWidth: 140,
  trailingComma: 'all',
};

/* Placeholder until the Excel add-in (task pane) is built: the CLI is compiled with tsc. */
module.exports = {
  mode: 'production',
  entry: {},
};

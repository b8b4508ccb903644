// `npm run test:system`: the system project of jest.config.js on its own, so that file names and flags can follow.
module.exports = require('../../jest.config.js').projects.find((p) => p.displayName === 'system');

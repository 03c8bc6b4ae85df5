// Node's built-in 'fs' without an ESM import (see ../bundle-options.ts); getBuiltinModule
// rather than require() so that the alias does not resolve this module to itself.
module.exports = process.getBuiltinModule('node:fs');

#!/usr/bin/env node
// `npm start`: compile when dist/ is missing or older than any source file, then serve dist/main.js.
require('./run-built').runBuilt('dist/main.js', process.argv.slice(2));

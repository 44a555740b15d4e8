#!/usr/bin/env node
// `npm start`: compile when dist/ is missing or older than any source file, then serve dist/main.js.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'main.js');

const newestSource = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, item) => {
    const path = join(dir, item.name);
    const time = item.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    return Math.max(newest, time);
  }, 0);

if (!existsSync(entry) || statSync(entry).mtimeMs < newestSource(join(root, 'src'))) {
  process.stderr.write('building dist/ ...\n');
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
require(entry);

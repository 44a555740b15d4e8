#!/usr/bin/env node
// `node scripts/run-built.js dist/<entry>.js [args...]`: compiles dist/ only when the entry is missing or
// older than a source file (src/, tsconfig*.json), then runs the entry with the arguments after it, as
// `node dist/<entry>.js [args...]` would. `npm start` and the CLI scripts of package.json go through it,
// so a CLI whose build is up to date starts without a compile.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');

const defaultRoot = join(__dirname, '..');

const newestIn = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, item) => {
    const path = join(dir, item.name);
    return Math.max(newest, item.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }, 0);

const newestSource = (root) =>
  Math.max(
    newestIn(join(root, 'src')),
    ...['tsconfig.json', 'tsconfig.build.json'].map((file) => (existsSync(join(root, file)) ? statSync(join(root, file)).mtimeMs : 0)),
  );

const compile = (root) => {
  process.stderr.write('building dist/ ...\n');
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
};

/** Builds when `entry` (relative to root) is missing or older than the sources; says whether it built. */
const ensureBuilt = ({ root = defaultRoot, entry, build = compile }) => {
  const file = resolve(root, entry);
  if (existsSync(file) && statSync(file).mtimeMs >= newestSource(root)) return false;
  build(root);
  return true;
};

/** Builds if needed, then runs the entry in this process with the arguments given after it. */
const runBuilt = (entry, args = process.argv.slice(3), root = defaultRoot) => {
  try {
    ensureBuilt({ root, entry });
  } catch (error) {
    process.stderr.write(`the build failed${error.status !== undefined ? ` (tsc exit ${error.status})` : `: ${error.message}`}\n`);
    process.exit(1);
  }
  const file = resolve(root, entry);
  // The entry reads its own arguments from process.argv.slice(2), as when run with `node file`.
  process.argv = [process.argv[0], file, ...args];
  require(file);
};

module.exports = { ensureBuilt, runBuilt, newestSource };

if (require.main === module) {
  const entry = process.argv[2];
  if (!entry) {
    process.stderr.write('usage: node scripts/run-built.js dist/<entry>.js [args...]\n');
    process.exit(2);
  }
  runBuilt(entry);
}

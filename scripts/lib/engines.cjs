// Prints one line when this Node is older than package.json's `engines.node` (a `>=X.Y.Z` range),
// nothing otherwise; the Makefile stops on that line. CommonJS and old syntax on purpose: it must
// run on the very Node versions it refuses (Node 18 cannot even load the build script).
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const parse = (version) => version.split('.').map((part) => Number.parseInt(part, 10) || 0);

function problem(current, range) {
  const minimum = /^\s*>=\s*v?(\d+(?:\.\d+){0,2})\s*$/.exec(range || '');
  if (!minimum) return '';
  const have = parse(current);
  const need = parse(minimum[1]);
  for (let i = 0; i < 3; i += 1) {
    if ((have[i] || 0) > (need[i] || 0)) return '';
    if ((have[i] || 0) < (need[i] || 0)) {
      return `Node.js ${current} is older than this project needs (package.json engines: ${range.trim()}): install Node.js ${minimum[1]} or later (https://nodejs.org), or switch with nvm/fnm`;
    }
  }
  return '';
}

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const line = problem(process.versions.node, pkg.engines && pkg.engines.node);
if (line) console.log(line);

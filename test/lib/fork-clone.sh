#!/usr/bin/env bash
# `make test`, whole, in a fresh clone of a fork: what a forker's CI runs. The fork is fork (1) of
# test/fork.test.ts, from this checkout's last commit: the worked example as handler/integration.ts,
# with all of its tests (against their fake Example Intel) as test/integration.test.ts (the fork
# test gives it two of its own), and its own name.
# Run by .ci/run after `make test`, never by `make test` itself (it would run itself again).
# Usage: test/lib/fork-clone.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git clone -q "$root" "$work/fork"
cd "$work/fork"
sed "s#'../../handler/#'./#g" test/example/integration.ts >handler/integration.ts
sed "s#'./example/integration.ts'#'../handler/integration.ts'#" test/example.test.ts >test/integration.test.ts
node -e "const fs = require('node:fs'); const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')); fs.writeFileSync('package.json', JSON.stringify({ ...pkg, name: 'example-intel-relay', version: '0.1.0' }, null, 2) + '\n');"
git -c user.name=fork -c user.email=fork@example.com commit -qam 'The fork: the worked example, its tests, its name'

git clone -q "$work/fork" "$work/clone"
cd "$work/clone"
echo "== make test in a fresh clone of a fork ($work/clone)"
make test

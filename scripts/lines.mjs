// `make lines`: the size of each worked example, and its ratio to the Python of the Cisco relay it
// ports, by one rule: a line counts when it holds code, that is when it is not blank and not only
// a comment. TypeScript: `//` lines and lines inside `/* ... */` (JSDoc included) are comments.
// Python: `#` lines, and docstrings (a string literal standing alone as a statement, one or more
// lines) are comments. A line holding code and a trailing comment counts. The ports and Cisco's
// counted totals are data (scripts/lines.json: each Python file with its repository, commit and
// the blocks of the generic template left out), since the tests have no network:
//   node scripts/lines.mjs                         every port, its lines, Cisco's, the ratio
//   node scripts/lines.mjs --cisco <checkout> NAME  counts NAME's Python in a checkout of Cisco's
//                                                    relay (at the commit the data names) again
// Node built-ins only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, UsageError } from './lib/cli.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..');

/** The lines of TypeScript (or JavaScript) source that hold code. */
export function countTypeScript(text) {
  let count = 0;
  let inBlock = false;
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    let code = false;
    // Walk the line: block comments open and close anywhere; a `//` outside one ends it.
    while (line !== '') {
      if (inBlock) {
        const end = line.indexOf('*/');
        if (end < 0) break;
        inBlock = false;
        line = line.slice(end + 2).trim();
        continue;
      }
      if (line.startsWith('//')) break;
      if (line.startsWith('/*')) {
        inBlock = true;
        line = line.slice(2);
        continue;
      }
      code = true;
      // A comment after code (`x(); /* why */`) may still open a block that goes on.
      const open = lastBlockOpen(line);
      if (open) inBlock = true;
      break;
    }
    if (code) count++;
  }
  return count;
}

/** Whether a line of code leaves a `/*` comment open at its end (outside strings, roughly: quotes counted). */
function lastBlockOpen(line) {
  let open = false;
  let quote = '';
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quote !== '') {
      if (char === '\\') index++;
      else if (char === quote) quote = '';
    } else if (open) {
      if (line.startsWith('*/', index)) {
        open = false;
        index++;
      }
    } else if (char === '"' || char === "'" || char === '`') quote = char;
    else if (line.startsWith('//', index)) return false;
    else if (line.startsWith('/*', index)) {
      open = true;
      index++;
    }
  }
  return open;
}

const DOCSTRING_START = /^[rRuUbB]{0,2}("""|''')/;

/**
 * The lines of Python source that hold code, and their top-level blocks: each `def`, `class` or
 * `NAME = ...` statement with its decorators and indented body, by name, so that the data can
 * leave out what the generic template provides.
 */
export function countPython(text, without = []) {
  const lines = text.split(/\r?\n/);
  const leftOut = new Set(without);
  const found = new Set();
  let count = 0;
  let docstring = '';
  let block = '';
  let decorators = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (docstring !== '') {
      if (line.includes(docstring)) docstring = '';
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const opened = DOCSTRING_START.exec(line);
    if (opened !== null) {
      const quote = opened[1];
      // One line (`"""Say why."""`) or the first of several.
      if (line.indexOf(quote, opened[0].length) < 0) docstring = quote;
      continue;
    }
    const topLevel = !/^\s/.test(raw) && !/^[)\]}]/.test(line);
    if (topLevel) {
      const name = /^(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)/.exec(line)?.[1] ?? /^([A-Za-z_]\w*)\s*(?::[^=]*)?=/.exec(line)?.[1];
      if (line.startsWith('@')) {
        decorators++;
        continue;
      }
      block = name ?? '';
      if (leftOut.has(block)) {
        found.add(block);
        decorators = 0;
        continue;
      }
      count += decorators;
      decorators = 0;
    } else if (leftOut.has(block)) continue;
    count++;
  }
  const missing = [...leftOut].filter((name) => !found.has(name));
  if (missing.length > 0) throw new UsageError(`no top-level block named ${missing.join(', ')} to leave out`);
  return count;
}

/**
 * @typedef {{ path: string, lines: number, without?: string[] }} CiscoFile
 * @typedef {{ name: string, files: string[], cisco?: { repository: string, commit: string, files: CiscoFile[] } }} Port
 */

/**
 * The data, checked: every port named, with files; Cisco's side with its source and totals.
 * @returns {Port[]}
 */
export function readData(path = join(root, 'scripts', 'lines.json')) {
  let data;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${error.message}`);
  }
  const ports = Array.isArray(data?.ports) ? data.ports : undefined;
  if (ports === undefined) throw new UsageError(`${path}: no "ports" list`);
  for (const port of ports) {
    const where = `${path}: port ${JSON.stringify(port?.name)}`;
    if (typeof port?.name !== 'string' || !Array.isArray(port.files) || port.files.length === 0 || !port.files.every((file) => typeof file === 'string')) {
      throw new UsageError(`${where} needs a name and a list of files`);
    }
    if (port.cisco === undefined) continue;
    const { repository, commit, files } = port.cisco;
    const sound = typeof repository === 'string' && /^[0-9a-f]{40}$/.test(commit ?? '') && Array.isArray(files) && files.length > 0
      && files.every((file) => typeof file?.path === 'string' && Number.isInteger(file.lines) && file.lines > 0
        && (file.without === undefined || (Array.isArray(file.without) && file.without.every((name) => typeof name === 'string'))));
    if (!sound) throw new UsageError(`${where}: cisco needs a repository, a 40-hex commit and files of {path, lines > 0, without?}`);
  }
  return ports;
}

/**
 * Each port's code lines (its files in this checkout), Cisco's total, and the ratio of the two.
 * @param {Port[]} ports
 */
export function measure(ports, base = root) {
  return ports.map((port) => {
    const lines = port.files.reduce((sum, file) => {
      let text;
      try {
        text = readFileSync(join(base, file), 'utf8');
      } catch {
        throw new UsageError(`port ${JSON.stringify(port.name)}: cannot read ${file}`);
      }
      return sum + countTypeScript(text);
    }, 0);
    const cisco = port.cisco?.files.reduce((sum, file) => sum + file.lines, 0);
    return { name: port.name, files: port.files, lines, cisco, ratio: cisco === undefined ? undefined : lines / cisco, source: port.cisco };
  });
}

/** The table `make lines` prints. */
export function report(measured) {
  const rows = measured.map(({ name, files, lines, cisco, ratio, source }) => (cisco === undefined
    ? `${name}: ${lines} lines (${files.join(', ')}); no Cisco relay to compare with`
    : `${name}: ${lines} lines (${files.join(', ')}); Cisco's relay-specific Python: ${cisco} lines (${source.repository} at ${source.commit.slice(0, 7)}); ratio ${ratio.toFixed(3)} (1/${(1 / ratio).toFixed(2)})`));
  return [...rows, 'Rule: a line counts when it is not blank and not only a comment (scripts/lines.mjs).'].join('\n');
}

/**
 * Counts a port's Python again, in a checkout of Cisco's relay: each file, as the data says.
 * @param {Port[]} ports
 * @param {string} name
 * @param {string} checkout
 */
export function recount(ports, name, checkout) {
  const port = ports.find((candidate) => candidate.name === name);
  if (port?.cisco === undefined) throw new UsageError(`no port named ${JSON.stringify(name)} with Cisco's relay in scripts/lines.json`);
  return port.cisco.files.map((file) => {
    let text;
    try {
      text = readFileSync(join(checkout, file.path), 'utf8');
    } catch {
      throw new UsageError(`cannot read ${file.path} in ${checkout}: a checkout of ${port.cisco.repository} at ${port.cisco.commit}?`);
    }
    const lines = countPython(text, file.without);
    return { path: file.path, lines, recorded: file.lines };
  });
}

/** The script, on its command line's arguments (the tests give others: test/lib/in-process.ts). */
export async function main(args = process.argv.slice(2)) {
  const ports = readData();
  if (args.length === 0) {
    console.log(report(measure(ports)));
    return;
  }
  if (args[0] !== '--cisco' || args.length !== 3) throw new UsageError('usage: node scripts/lines.mjs [--cisco <checkout of Cisco\'s relay> <port name>]');
  const counted = recount(ports, args[2], args[1]);
  for (const { path, lines, recorded } of counted) console.log(`${path}: ${lines} lines${lines === recorded ? '' : ` (scripts/lines.json says ${recorded})`}`);
  const total = counted.reduce((sum, { lines }) => sum + lines, 0);
  console.log(`total: ${total} lines`);
  if (counted.some(({ lines, recorded }) => lines !== recorded)) throw new UsageError('the counts differ from scripts/lines.json');
}

await runCli(import.meta, () => 'lines', () => main());

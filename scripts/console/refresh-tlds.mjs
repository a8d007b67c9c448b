// Rewrites scripts/console/tlds.mjs, the top-level domains the console's extractor accepts, from
// IANA's list (https://data.iana.org/TLD/tlds-alpha-by-domain.txt, its first line
// `# Version 2026120700, Last Updated Mon Dec  7 07:07:01 2026 UTC`):
//   curl -sO https://data.iana.org/TLD/tlds-alpha-by-domain.txt
//   node scripts/console/refresh-tlds.mjs tlds-alpha-by-domain.txt
// The list is kept in the repository, with its date: the console works offline and never fetches it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAtomic } from '../lib/dist.mjs';

const HEADER = /^# Version (\d{10}), Last Updated (.+ UTC)$/;

/** The module's text from IANA's file, or an Error of one line saying what is wrong with it. */
export function toModule(text) {
  const lines = text.split(/\r?\n/).filter((line) => line !== '');
  const header = HEADER.exec(lines[0] ?? '');
  if (header === null) throw new Error('not IANA\'s list: its first line is not "# Version <n>, Last Updated <date> UTC"');
  const tlds = lines.slice(1).map((line) => line.trim().toLowerCase());
  const wrong = tlds.find((tld) => !/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(tld));
  if (wrong !== undefined) throw new Error(`not IANA's list: ${JSON.stringify(wrong.slice(0, 70))} is no top-level domain`);
  if (tlds.length < 100) throw new Error(`not IANA's list: ${tlds.length} top-level domains (it has over a thousand)`);
  const date = new Date(header[2]);
  const day = Number.isNaN(date.getTime()) ? header[2] : date.toISOString().slice(0, 10);
  return `// IANA's top-level domains, in lower case (internationalized ones in their ASCII form, xn--…).
// Written by scripts/console/refresh-tlds.mjs, which says how to refresh it: do not edit by hand.
export const TLD_SOURCE = ${JSON.stringify(`IANA's tlds-alpha-by-domain.txt, version ${header[1]}`)};
export const TLD_DATE = ${JSON.stringify(day)};
export const TLDS = ${JSON.stringify([...new Set(tlds)].sort().join(' '))};
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [from, to = join(fileURLToPath(new URL('.', import.meta.url)), 'tlds.mjs')] = process.argv.slice(2);
  try {
    if (from === undefined) throw new Error('usage: node scripts/console/refresh-tlds.mjs tlds-alpha-by-domain.txt');
    writeAtomic(to, toModule(readFileSync(from, 'utf8')));
    console.log(`${to}: written`);
  } catch (error) {
    console.error(`refresh-tlds: error: ${error.message}`);
    process.exit(1);
  }
}

// `make lines` (scripts/lines.mjs): the counting rule on both languages, the data it reads, the
// ratios it prints, and the Pulsedive and Defender ports within a third of Cisco's relay-specific Python.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runHere } from './lib/in-process.ts';

type Lines = typeof import('../scripts/lines.mjs');
const root = join(__dirname, '..');
const load = () => import('../scripts/lines.mjs') as Promise<Lines>;

let folder = '';

const lines = suite('make lines');

lines.before(() => {
  folder = mkdtempSync(join(tmpdir(), 'relay-lines-'));
});

lines.after(() => {
  rmSync(folder, { recursive: true, force: true });
});

lines('TypeScript: blank lines, // lines and /* */ blocks are not code; code with a comment after it is', async () => {
  const { countTypeScript } = await load();
  const text = [
    '// A header comment.',
    '/**',
    ' * A doc comment.',
    ' */',
    "import { a } from './a.ts';",
    '',
    'const x = 1; // why',
    '/* one line */',
    'const y = /* inline */ 2;',
    'const z = 3; /* a comment that',
    '   goes on */ const w = 4;',
    '   /* and ends',
    '   here */',
    "const url = 'https://x.test/*'; // a // in a string",
    "const s = '/* not a comment';",
    'call();',
  ].join('\n');
  // import, x, y, z, w, url, s, call.
  assert.is(countTypeScript(text), 8);
  assert.is(countTypeScript(''), 0);
  assert.is(countTypeScript('a();\r\n\r\n// c\r\nb();'), 2);
});

lines('Python: blank lines, # lines and docstrings are not code; top-level blocks can be left out by name', async () => {
  const { countPython } = await load();
  const text = [
    '"""A module docstring',
    'on two lines."""',
    'import json  # why',
    '',
    'NAME = (\'a\'',
    "        'b')",
    '',
    '',
    '@decorator',
    'def helper(value):',
    '    """One line."""',
    '    # a comment',
    '    return {',
    "        'key': value,",
    '    }',
    '',
    'class Error(Exception):',
    "    r'''Raw',",
    "    docstring.'''",
    '    pass',
    'text = """not a docstring:',
    'an assignment"""',
  ].join('\n');
  // import, NAME (2), @decorator, def, return, key, }, class, pass, text (2).
  assert.is(countPython(text), 12);
  assert.is(countPython(text, ['helper']), 7);
  assert.is(countPython(text, ['helper', 'NAME', 'Error']), 3);
  assert.throws(() => countPython(text, ['missing']), /^no top-level block named missing to leave out$/);
});

lines('the repository\'s data: Pulsedive and Defender within a third of Cisco\'s relay-specific Python, Example Intel counted', async () => {
  const { measure, readData, report } = await load();
  const measured = measure(readData());
  const pulsedive = measured.find((port) => port.name === 'Pulsedive');
  assert.ok(pulsedive !== undefined && pulsedive.cisco === 609, 'Cisco\'s Pulsedive count');
  assert.ok((pulsedive.ratio ?? 1) <= 1 / 3, `Pulsedive's ratio ${String(pulsedive.ratio)}`);
  const defender = measured.find((port) => port.name === 'Microsoft Defender for Endpoint');
  assert.ok(defender !== undefined && defender.cisco === 1332, 'Cisco\'s Defender count');
  assert.ok((defender.ratio ?? 1) <= 1 / 3, `Defender's ratio ${String(defender.ratio)}`);
  const example = measured.find((port) => port.name === 'Example Intel');
  assert.equal([example?.cisco, example?.ratio, (example?.lines ?? 0) > 50], [undefined, undefined, true]);
  const printed = report(measured);
  assert.match(printed, new RegExp(`^Pulsedive: ${pulsedive.lines} lines \\(test/pulsedive/integration\\.ts\\); Cisco's relay-specific Python: 609 lines \\(CiscoSecurity/tr-05-serverless-pulsedive at 43a14ed\\); ratio 0\\.\\d{3} \\(1/\\d\\.\\d{2}\\)$`, 'm'));
  assert.match(printed, new RegExp(`^Microsoft Defender for Endpoint: ${defender.lines} lines \\(test/defender/integration\\.ts\\); Cisco's relay-specific Python: 1332 lines \\(CiscoSecurity/tr-05-serverless-microsoft-defender-for-endpoint at 3d9248a\\); ratio 0\\.\\d{3} \\(1/\\d\\.\\d{2}\\)$`, 'm'));
  assert.match(printed, /^Example Intel: \d+ lines \(test\/example\/integration\.ts\); no Cisco relay to compare with$/m);
});

lines('make lines prints the table; --cisco counts a checkout again, and says when it differs', async () => {
  const run = (args: string[]) => spawnSync(process.execPath, [join(root, 'scripts', 'lines.mjs'), ...args], { encoding: 'utf8', timeout: 60_000 });
  // The table and the first refusal as users run the script; the other counts and refusals in this
  // process, through the same main and error line (test/lib/in-process.ts).
  const here = (args: string[]) => runHere(join(root, 'scripts', 'lines.mjs'), 'lines', args);
  const table = run([]);
  assert.equal([table.status, table.stderr], [0, '']);
  assert.match(table.stdout, /^Pulsedive: \d+ lines/);
  assert.match(table.stdout, /\nRule: a line counts when it is not blank and not only a comment \(scripts\/lines\.mjs\)\.\n$/);
  // A made-up checkout holding two of the files the data names: the first as counted, the second not.
  const checkout = join(folder, 'cisco');
  mkdirSync(join(checkout, 'code', 'api'), { recursive: true });
  writeFileSync(join(checkout, 'code', 'api', 'enrich.py'), 'x = 1\n'.repeat(411));
  writeFileSync(join(checkout, 'code', 'api', 'health.py'), 'x = 1\n'.repeat(9));
  const differs = run(['--cisco', checkout, 'Pulsedive']);
  assert.is(differs.status, 1);
  assert.match(differs.stderr, /^lines: error: cannot read code\/config\.py in .*: a checkout of CiscoSecurity\/tr-05-serverless-pulsedive at 43a14ed064fde1c842d36c17243e90dde4c07155\?\n$/);
  writeFileSync(join(checkout, 'code', 'config.py'), 'x = 1\n'.repeat(100));
  writeFileSync(join(checkout, 'code', 'api', 'errors.py'), ['AUTH_ERROR = 1', 'class TRFormattedError:', '    pass', 'class AuthorizationError:', '    pass',
    'class InvalidInputError:', '    pass', 'class PulsediveWatchdogError:', '    pass', ...Array<string>(24).fill('y = 2')].join('\n'));
  const names = ['NO_AUTH_HEADER', 'WRONG_AUTH_TYPE', 'WRONG_PAYLOAD_STRUCTURE', 'WRONG_JWT_STRUCTURE', 'WRONG_AUDIENCE', 'KID_NOT_FOUND', 'WRONG_KEY',
    'JWKS_HOST_MISSING', 'WRONG_JWKS_HOST', 'set_ctr_entities_limit = 1', 'get_public_key', 'get_jwt', 'get_auth_token', 'get_json', 'jsonify_data', 'jsonify_errors'];
  writeFileSync(join(checkout, 'code', 'api', 'utils.py'), [...names.map((name) => (name.includes('=') ? name : `${name} = 0`)), ...Array<string>(64).fill('z = 3')].join('\n'));
  const recounted = await here(['--cisco', checkout, 'Pulsedive']);
  assert.is(recounted.status, 1);
  assert.equal(recounted.stdout.split('\n').slice(-3), ['code/api/utils.py: 64 lines (scripts/lines.json says 65)', 'total: 608 lines', '']);
  assert.is(recounted.stderr, 'lines: error: the counts differ from scripts/lines.json\n');
  writeFileSync(join(checkout, 'code', 'api', 'utils.py'), [...names.map((name) => (name.includes('=') ? name : `${name} = 0`)), ...Array<string>(65).fill('z = 3')].join('\n'));
  const same = await here(['--cisco', checkout, 'Pulsedive']);
  assert.equal([same.status, same.stdout.split('\n').slice(-2)], [0, ['total: 609 lines', '']]);
  for (const args of [['--cisco', checkout], ['--cisco', checkout, 'Example Intel'], ['--other']]) {
    const refused = await here(args);
    assert.is(refused.status, 1, args.join(' '));
    assert.match(refused.stderr, /^lines: error: (usage: node scripts\/lines\.mjs|no port named "Example Intel" with Cisco's relay)/, args.join(' '));
  }
});

lines('bad data: one line naming the problem', async () => {
  const { measure, readData } = await load();
  const write = (name: string, content: unknown) => {
    const path = join(folder, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const cisco = { repository: 'r', commit: 'a'.repeat(40), files: [{ path: 'x.py', lines: 1 }] };
  const cases: [unknown, RegExp][] = [
    ['{', /^cannot read .*bad-0\.json: /],
    [{}, /: no "ports" list$/],
    [{ ports: [{ name: 'P', files: [] }] }, /: port "P" needs a name and a list of files$/],
    [{ ports: [{ name: 'P', files: ['a.ts'], cisco: { ...cisco, commit: 'abc' } }] }, /: port "P": cisco needs a repository, a 40-hex commit and files of \{path, lines > 0, without\?\}$/],
    [{ ports: [{ name: 'P', files: ['a.ts'], cisco: { ...cisco, files: [{ path: 'x.py', lines: 0 }] } }] }, /cisco needs/],
    [{ ports: [{ name: 'P', files: ['a.ts'], cisco: { ...cisco, files: [{ path: 'x.py', lines: 1, without: [1] }] } }] }, /cisco needs/],
    [{ ports: [null] }, /: port undefined needs a name/],
  ];
  cases.forEach(([content, message], index) => {
    assert.throws(() => readData(write(`bad-${index}.json`, content)), message, String(index));
  });
  const missing = readData(write('missing.json', { ports: [{ name: 'P', files: ['no/such/file.ts'] }] }));
  assert.throws(() => measure(missing, folder), /^port "P": cannot read no\/such\/file\.ts$/);
});

lines.run();

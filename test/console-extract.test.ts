// The console's extractor (scripts/console/extract.mjs): precision and recall on a labelled
// corpus of real-world-style snippets (test/console/corpus.ts), each defang form, the cases
// that used to go wrong, linear time on hostile input, and IANA's list it reads domains by.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CORPUS } from './console/corpus.ts';

type Extract = typeof import('../scripts/console/extract.mjs');
const extractor = () => import('../scripts/console/extract.mjs') as Promise<Extract>;

const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

const key = (type: string, value: string) => `${type} ${type === 'url' || type === 'file_name' ? value : value.toLowerCase()}`;

const extract = suite('console: extract');

extract('the corpus: precision and recall of at least 0.97', async () => {
  const { extract: find } = await extractor();
  assert.ok(CORPUS.length >= 30, `${CORPUS.length} snippets`);
  let found = 0;
  let right = 0;
  let expected = 0;
  const misses: string[] = [];
  for (const snippet of CORPUS) {
    const got = new Set(find(snippet.text).map(({ type, value }) => key(type, value)));
    const want = new Set(snippet.expected.map(([type, value]) => key(type, value)));
    found += got.size;
    expected += want.size;
    for (const item of got) {
      if (want.has(item)) right++;
      else misses.push(`${snippet.name}: not ${item}`);
    }
    for (const item of want) if (!got.has(item)) misses.push(`${snippet.name}: missed ${item}`);
  }
  const precision = right / found;
  const recall = right / expected;
  console.log(`extract: ${CORPUS.length} snippets, ${expected} observables: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
  assert.ok(precision >= 0.97 && recall >= 0.97, misses.join('\n'));
});

extract('finds each type, in the order of the text, each once', async () => {
  const { extract: find } = await extractor();
  const text = `At 10:00:00 the host 198.51.100.7 (and 2001:db8::1) fetched https://evil.example.com/a?b=1, then example.org.
    It dropped invoice.exe (SHA-256 ${SHA256}, SHA-1 ${SHA1.toUpperCase()}, MD5 ${MD5}); mail from Someone@Example.org.
    Again: 198.51.100.7, EXAMPLE.ORG and ${SHA256.toUpperCase()}.`;
  assert.equal(find(text), [
    { type: 'ip', value: '198.51.100.7' },
    { type: 'ipv6', value: '2001:db8::1' },
    { type: 'url', value: 'https://evil.example.com/a?b=1' },
    { type: 'domain', value: 'evil.example.com' },
    { type: 'domain', value: 'example.org' },
    { type: 'file_name', value: 'invoice.exe' },
    { type: 'sha256', value: SHA256 },
    { type: 'sha1', value: SHA1.toUpperCase() },
    { type: 'md5', value: MD5 },
    { type: 'email', value: 'Someone@Example.org' },
  ]);
});

extract('every defang form in use, alone and together', async () => {
  const { extract: find, refang } = await extractor();
  assert.is(refang('a[.]b(.)c{.}d[dot]e(dot)f{DOT}g'), 'a.b.c.d.e.f.g');
  assert.is(refang('hxxp://a hXXps://b hxxps[:]//c hxxp[://]d fxp://e x[/]y u[@]v w(@)x y[at]z m(at)n o{at}p'),
    'http://a https://b https://c http://d ftp://e x/y u@v w@x y@z m@n o@p');
  // Words that only contain the letters are left alone.
  assert.is(refang('hxxpd fxpx the [data] set (at least)'), 'hxxpd fxpx the [data] set (at least)');
  assert.equal(find('hxxps[:]//bad[.]example[.]com/login and 203.0.113[.]9 and user[at]bad(.)example.net'), [
    { type: 'url', value: 'https://bad.example.com/login' },
    { type: 'domain', value: 'bad.example.com' },
    { type: 'ip', value: '203.0.113.9' },
    { type: 'email', value: 'user@bad.example.net' },
  ]);
});

extract('the advisory\'s misses and inventions (issue #24), each read right', async () => {
  const { extract: find } = await extractor();
  const cases: [string, [string, string][]][] = [
    ['hxxps[:]//bad[.]example/login', [['url', 'https://bad.example/login']]],
    [`sha256:${SHA256}`, [['sha256', SHA256]]],
    ['203.0.113.1-203.0.113.9', [['ip', '203.0.113.1'], ['ip', '203.0.113.9']]],
    ['invoice_2026.zip', [['file_name', 'invoice_2026.zip']]],
    ['version 10.2.3.4', []],
    ['upgrade to 3.14.159.26 or later', []],
    ['build 2.4.1.10', []],
    ['10.0.0.0/8', []],
    ['stage2.bin payload.bin README.md ASP.NET Node.js', [['file_name', 'stage2.bin'], ['file_name', 'payload.bin'], ['file_name', 'README.md']]],
    // An IP named only inside a URL is offered on its own too.
    ['http://198.51.100.9/x', [['url', 'http://198.51.100.9/x'], ['ip', '198.51.100.9']]],
  ];
  for (const [text, expected] of cases) {
    assert.equal(find(text).map(({ type, value }) => [type, value]), expected, text);
  }
});

extract('a URL keeps its own parentheses and leaves the sentence\'s punctuation', async () => {
  const { extract: find } = await extractor();
  assert.equal(find('(see https://en.example.org/wiki/A_(b)), or "http://x.example.com/p".').filter(({ type }) => type === 'url'), [
    { type: 'url', value: 'https://en.example.org/wiki/A_(b)' },
    { type: 'url', value: 'http://x.example.com/p' },
  ]);
});

extract('what only looks like an observable is left alone', async () => {
  const { extract: find } = await extractor();
  // Times, MAC addresses, versions, out-of-range octets, hex of no hash's length, abbreviations, TLDs that are not IANA's.
  assert.equal(find('10:00:00 00:1a:2b:3c:4d:5e v1.2.3.4.5 256.1.1.1 1.2.3 010.1.1.1 abcdef0123 e.g. i.e. 2026-11-20 host.local x.invalid end.Now'), []);
  // A hash inside a longer hex string is no hash.
  assert.equal(find(`${SHA256}00`), []);
});

extract('file names and domains by extension', async () => {
  const { extract: find } = await extractor();
  assert.equal(find('C:\\Users\\bob\\payload.dll, report.pdf, setup.zip, run.sh, a.b.sh, example.com, allegro.pl').map(({ type, value }) => `${type} ${value}`), [
    'file_name payload.dll',
    'file_name report.pdf',
    // .zip and .sh are top-level domains too: one dot is a file, more is a host.
    'file_name setup.zip',
    'file_name run.sh',
    'domain a.b.sh',
    'domain example.com',
    'domain allegro.pl',
  ]);
});

extract('isIpv6 follows RFC 4291 §2.2', async () => {
  const { isIpv6 } = await extractor();
  for (const address of ['::1', '::', '2001:db8::1', '2001:0db8:0000:0000:0000:ff00:0042:8329', '::ffff:192.0.2.1', 'fe80::1:2:3:4']) {
    assert.ok(isIpv6(address), address);
  }
  for (const text of ['1:2:3:4:5:6:7', '1::2::3', '12345::1', '1:2:3:4:5:6:7:8:9', '::ffff:999.0.2.1', 'g::1', '10:00:00']) {
    assert.not.ok(isIpv6(text), text);
  }
});

extract('isDomain: IANA\'s top-level domains, internationalized ones too', async () => {
  const { isDomain } = await extractor();
  for (const host of ['example.com', 'a.b.co.uk', 'пример.рф', 'xn--80ak6aa92e.com', 'bücher.de', 'EXAMPLE.ORG']) assert.ok(isDomain(host), host);
  for (const host of ['example', 'example.notatld', 'a..com', '-a.com', 'a-.com', `${'a'.repeat(64)}.com`, `${'a.'.repeat(127)}com`, 'under_score.com', 'Thanks.Now']) {
    assert.not.ok(isDomain(host), host);
  }
});

// Each of the extractor's patterns on the input that would make a backtracking one quadratic.
const HOSTILE: Record<string, string> = {
  'percent signs (the old e-mail pattern: 1.5 s for 40k)': '%'.repeat(1_000_000),
  'URL-encoded text': '%41%42'.repeat(170_000),
  'at signs': 'a@'.repeat(500_000),
  'long local parts before @': `${'x'.repeat(50)}@`.repeat(20_000),
  'defang brackets': '[.]'.repeat(333_333),
  'hxx without p': 'hxx'.repeat(333_333),
  'schemes without hosts': 'http://'.repeat(142_857),
  'a URL closing a million parentheses': `http://a.example.com/${')'.repeat(1_000_000)}`,
  'colons': ':'.repeat(1_000_000),
  'hex without end': 'a'.repeat(1_000_000),
  'dotted pairs': 'a.b '.repeat(250_000),
  'dotted digits': '1.'.repeat(500_000),
  'slashes': 'a/'.repeat(500_000),
  'ranges': '1.1.1.1-'.repeat(125_000),
  'IPv6-like groups': '1:'.repeat(500_000),
};

extract('linear time: 1 MB of each hostile pattern, and a 1 MB paste (generous bounds: make bench measures it)', async () => {
  const { extract: find } = await extractor();
  const all = CORPUS.map(({ text }) => text).join('\n');
  const paste = all.repeat(Math.ceil(1_000_000 / all.length)).slice(0, 1_000_000);
  // A quadratic pattern takes minutes on these; linear ones well under a second on an idle machine.
  for (const [name, text] of Object.entries({ ...HOSTILE, 'a 1 MB paste of the corpus': paste })) {
    const started = performance.now();
    find(text);
    const ms = performance.now() - started;
    assert.ok(ms < 10_000, `${name}: ${Math.round(ms)} ms`);
  }
  assert.ok(find(paste).length > 100);
});

extract('survives hostile text: binary, surrogates, huge tokens', async () => {
  const { extract: find } = await extractor();
  assert.equal(find(`${'a'.repeat(100_000)} \u0000\uffff\ud800 ${'1.'.repeat(5000)}`), []);
  assert.equal(find(String(undefined)), []);
  // A zero-width or bidi character stays in the value: the console shows it (render.mjs).
  assert.equal(find('g\u200Boogle.com'), [{ type: 'domain', value: 'g\u200Boogle.com' }]);
});

const tlds = suite('console: IANA\'s top-level domains');

tlds('kept in the repository with its date and source, in IANA\'s form', async () => {
  const { TLDS, TLD_DATE, TLD_SOURCE } = await import('../scripts/console/tlds.mjs');
  const list = TLDS.split(' ');
  assert.ok(list.length > 1000, String(list.length));
  assert.match(TLD_DATE, /^\d{4}-\d\d-\d\d$/);
  assert.match(TLD_SOURCE, /IANA/);
  for (const tld of list) assert.match(tld, /^(?:[a-z]{2,63}|xn--[a-z0-9-]+)$/, tld);
  assert.equal([...list].sort(), list);
  for (const tld of ['com', 'org', 'uk', 'zip', 'xn--p1ai']) assert.ok(list.includes(tld), tld);
});

tlds('refresh-tlds.mjs writes the module from IANA\'s file; anything else is one line and no file', async () => {
  const script = join(__dirname, '..', 'scripts', 'console', 'refresh-tlds.mjs');
  const folder = mkdtempSync(join(tmpdir(), 'relay-tlds-'));
  try {
    const iana = join(folder, 'tlds-alpha-by-domain.txt');
    const list = ['COM', 'ORG', 'XN--P1AI', ...Array.from({ length: 120 }, (_, i) => `T${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`)];
    writeFileSync(iana, `# Version 2026120700, Last Updated Mon Dec  7 07:07:01 2026 UTC\n${list.join('\n')}\n`);
    const out = join(folder, 'tlds.mjs');
    const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
    const written = run(iana, out);
    assert.is(written.status, 0, written.stderr);
    const module = await import(`${out}?v=1`) as typeof import('../scripts/console/tlds.mjs');
    assert.is(module.TLD_DATE, '2026-12-07');
    assert.is(module.TLD_SOURCE, 'IANA\'s tlds-alpha-by-domain.txt, version 2026120700');
    assert.equal(module.TLDS.split(' '), list.map((tld) => tld.toLowerCase()).sort());
    const before = readFileSync(out, 'utf8');
    for (const [text, message] of [
      ['<html>', 'not IANA\'s list: its first line is not "# Version <n>, Last Updated <date> UTC"'],
      ['# Version 1, Last Updated x UTC\nCOM\n', 'not IANA\'s list: its first line is not "# Version <n>, Last Updated <date> UTC"'],
      ['# Version 2026120700, Last Updated Mon Dec  7 07:07:01 2026 UTC\nCOM\nBAD TLD\n', 'not IANA\'s list: "bad tld" is no top-level domain'],
      ['# Version 2026120700, Last Updated Mon Dec  7 07:07:01 2026 UTC\nCOM\n', 'not IANA\'s list: 1 top-level domains (it has over a thousand)'],
    ] as const) {
      writeFileSync(iana, text);
      const failed = run(iana, out);
      assert.is(failed.status, 1);
      assert.is(failed.stderr, `refresh-tlds: error: ${message}\n`);
      assert.is(readFileSync(out, 'utf8'), before);
    }
    assert.is(run().stderr, 'refresh-tlds: error: usage: node scripts/console/refresh-tlds.mjs tlds-alpha-by-domain.txt\n');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

extract.run();
tlds.run();

import { inspect } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { listSpellings, redact } from '../handler/redact.ts';

// A secret with every character an encoder changes: base64's `+ / =`, quotes, a backslash, a space.
const SECRET = 'AbC+dEf/GhI== k\'y"x`\\z';

const spellings = suite('redact');

/** True when no spelling of SECRET survives in `text` once redacted. */
const blanks = (text: string) => !redact(text, listSpellings([SECRET])).includes('AbC') && redact(text, listSpellings([SECRET])).includes('[redacted]');

spellings('as written, and in a URL: encodeURIComponent, lower-case hex, a form\'s + for spaces', () => {
  assert.ok(blanks(`key ${SECRET} end`));
  assert.ok(blanks(`https://intel.example/v1?key=${encodeURIComponent(SECRET)}&x=1`));
  assert.ok(blanks(`GET /v1?key=${encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())}`));
  assert.ok(blanks(`body: ${new URLSearchParams({ key: SECRET }).toString()}`));
  assert.equal(redact(`?key=${encodeURIComponent(SECRET)}&x=1`, listSpellings([SECRET])), '?key=[redacted]&x=1');
});

spellings('escaped in JSON and by util.inspect, whichever quote inspect chose for the whole string', () => {
  assert.equal(redact(JSON.stringify({ key: SECRET }), listSpellings([SECRET])), '{"key":"[redacted]"}');
  // The oracle is util.inspect itself, on strings that make it choose each of its quotes.
  for (const around of ['plain ', 'it\'s ', 'it\'s "q" ', 'it\'s "q" `b` ']) {
    const shown = inspect({ body: `${around}${SECRET}` });
    assert.ok(blanks(shown), shown);
  }
  assert.ok(blanks(inspect({ body: JSON.stringify({ key: SECRET }) })));
  assert.ok(blanks(inspect(`x\n${SECRET}\u0001`)));
});

spellings('inside base64 and base64url, at each of the three byte alignments (a Basic header, a JWT payload)', () => {
  for (const prefix of ['', 'u', 'us', 'user:']) {
    const bytes = Buffer.from(`${prefix}${SECRET}!`);
    assert.ok(blanks(`Basic ${bytes.toString('base64')}`), prefix);
    assert.ok(blanks(`ey.${bytes.toString('base64url')}.sig`), prefix);
  }
});

spellings('each spelling once, longest first; a short secret only as written; a lone surrogate does not throw', () => {
  const list = listSpellings([SECRET, SECRET, '', 'ab']);
  assert.equal(list, [...new Set(list)]);
  assert.equal([...list].sort((a, b) => b.length - a.length), list);
  assert.ok(list.includes('ab'));
  assert.not.ok(list.includes('YWI'));
  assert.ok(listSpellings(['lone \ud800 surrogate secret']).includes('lone+%EF%BF%BD+surrogate+secret'));
  assert.equal(listSpellings([]), []);
});

spellings.run();

// Kit v3: refer links and respond actions (handler/kit/links.ts), and the URIs every builder
// writes (handler/kit/ctim.ts toUri): http(s) unless the integration allows more, never a scheme
// a click would run, never a host hidden behind a backslash.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ErrorBody } from '../../handler/contract.ts';
import { allowUriSchemes, indicator, keep, judgement, toUri } from '../../handler/kit/ctim.ts';
import { referLink, respondAction } from '../../handler/kit/links.ts';
import { checkAnswer } from '../lib/ctim-check.ts';

const OBSERVABLE = { type: 'ip', value: '198.51.100.7' };
const LINK = { id: 'ref-intel-ip', title: 'Browse', description: 'Browse this ip on Intel', url: 'https://intel.test/ip/198.51.100.7', categories: ['Browse', 'Intel'] };

const links = suite('referLink and respondAction');

links('referLink: the link as XDR reads it, its URL percent-encoded where it must be', () => {
  assert.equal(referLink(LINK), LINK);
  const spaced = referLink({ ...LINK, url: 'https://intel.test/search?q=a b' });
  assert.is(spaced.url, 'https://intel.test/search?q=a%20b');
  assert.equal(checkAnswer('/refer/observables', { data: [spaced] }), []);
});

links('referLink: anything but an http(s) URL a browser opens as written is left out, with one error', () => {
  const bad = [
    'javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<script>x</script>', 'vbscript:msgbox', 'file:///etc/passwd',
    'https://good.example\\@evil.example/', 'https://user:pass@intel.test/', 'ftp://intel.test/x', '/relative', 'not a url', '',
  ];
  for (const url of bad) {
    const errors: ErrorBody[] = [];
    assert.is(keep(errors, OBSERVABLE, () => referLink({ ...LINK, url })), undefined, url);
    assert.equal(errors, [{ type: 'fatal', code: 'unknown', message: 'A refer link of ip 198.51.100.7 was left out: its url is not an http(s) URL.' }], url);
  }
});

links('respondAction: query-params hold the observable, which params never replace', () => {
  const action = respondAction({
    id: 'intel-block', title: 'Block', description: 'Block it', categories: ['Intel'], observable: OBSERVABLE,
    params: { indicator_id: '42', observable_value: 'forged' },
  });
  assert.equal(action, {
    id: 'intel-block', title: 'Block', description: 'Block it', categories: ['Intel'],
    'query-params': { indicator_id: '42', observable_type: 'ip', observable_value: '198.51.100.7' },
  });
  assert.equal(checkAnswer('/respond/observables', { data: [action] }), []);
  const errors: ErrorBody[] = [];
  const numeric = { id: 'a', title: 'a', description: 'a', categories: [], observable: OBSERVABLE, params: { n: 4 as unknown as string } };
  assert.is(keep(errors, OBSERVABLE, () => respondAction(numeric)), undefined);
  assert.equal(errors[0]?.message, 'A respond action of ip 198.51.100.7 was left out: its query-params.n is not a string.');
});

links.run();

const uris = suite('URIs the builders write');

uris('javascript:, data:, vbscript:, file: and other schemes are left out; http(s) kept', () => {
  for (const bad of ['javascript:alert(1)', ' javascript:x', 'data:,x', 'vbscript:x', 'file:///etc/passwd', 'FILE:///c:/x', 'mailto:a@b.c', 'urn:isbn:1']) {
    assert.is(toUri(bad), undefined, bad);
  }
  assert.is(toUri('HTTPS://intel.test/x'), 'HTTPS://intel.test/x');
  assert.is(toUri('https:evil.example/x'), undefined);
  const made = judgement({
    observable: OBSERVABLE, disposition: 2, source: 'Intel', confidence: 'High', severity: 'High',
    source_uri: 'javascript:alert(document.cookie)', reason_uri: 'data:text/html,x',
    external_references: [{ source_name: 'Intel', url: 'vbscript:x' }],
  });
  assert.equal([made.source_uri, made.reason_uri, made.external_references], [undefined, undefined, [{ source_name: 'Intel' }]]);
});

uris('a backslash in the authority is refused: it hid another host', () => {
  for (const bad of ['https://good.example\\@evil.example/', 'https://good.example\\evil', 'http://a\\b@c/']) {
    assert.is(toUri(bad), undefined, bad);
  }
  // In the path it is only a character, encoded.
  assert.is(toUri('https://good.example/a\\b'), 'https://good.example/a%5Cb');
});

uris('allowUriSchemes: more schemes for the whole relay, never one a click would run', () => {
  assert.is(toUri('gopher://intel.test/1'), undefined);
  allowUriSchemes(['Gopher']);
  assert.is(toUri('gopher://intel.test/1'), 'gopher://intel.test/1');
  assert.is(toUri('gopher:intel'), 'gopher:intel');
  assert.is(indicator({ producer: 'Intel', source_uri: 'gopher://intel.test/2' }).source_uri, 'gopher://intel.test/2');
  // A refer link stays http(s): XDR opens it in the browser.
  assert.throws(() => referLink({ ...LINK, url: 'gopher://intel.test/1' }), /its url is not an http\(s\) URL/);
  for (const scheme of ['javascript', 'DATA', 'vbscript', 'file', '1x', 'a b']) {
    assert.throws(() => allowUriSchemes([scheme]), new RegExp(`^allowUriSchemes: "${scheme.toLowerCase()}" is not a scheme a relay may write$`), scheme);
  }
  assert.is(toUri('javascript:alert(1)'), undefined);
});

uris('keep names an entity with its article: "An indicator"', () => {
  const errors: ErrorBody[] = [];
  keep(errors, OBSERVABLE, () => indicator({ producer: 'Intel', revision: -1 }));
  assert.equal(errors, [{ type: 'fatal', code: 'unknown', message: 'An indicator of ip 198.51.100.7 was left out: its revision is not 0 or more: -1.' }]);
});

uris.run();

// The console's observable extractor: free text in, CTIM observables out, in the order they first
// appear, each once. Plain JavaScript: the page runs it in a worker (extract-worker.mjs), the
// tests import the same file (test/console-extract.test.ts measures it on a labelled corpus).
//
// It reads text as XDR's investigate box does: defanged forms are read back; a URL is offered
// with the domain or IP it names; a domain ends in one of IANA's top-level domains (tlds.mjs);
// a name ending in a file's extension is a file name; versions, builds and CIDR bases are no IPs.
//
// Linear time on any input: the text is cut into tokens by one pass of a character class, and each
// token is classified by splitting and anchored patterns without nested quantifiers; no pattern
// runs over the whole text from every position.
import { TLDS } from './tlds.mjs';

/** The CTIM observable types the extractor finds, with the label the console shows for each. */
export const TYPES = new Map([
  ['ip', 'IPv4'], ['ipv6', 'IPv6'], ['domain', 'Domain'], ['url', 'URL'], ['email', 'Email'],
  ['md5', 'MD5'], ['sha1', 'SHA-1'], ['sha256', 'SHA-256'], ['file_name', 'File name'],
]);

const TLD = new Set(TLDS.split(' '));

// Extensions of files that malware and reports name. Those that are also top-level domains (zip,
// mov, sh, py, pl, md, ps...) make a file name of `name.ext` (one dot), a domain of `a.name.ext`.
// (Not .com, .pl, .rs, .ps or .run: as domains they are far more common than as files.)
const FILE_EXTENSIONS = new Set(`exe dll sys scr bat cmd ps1 psm1 psd1 vbs vbe js jse mjs wsf wsh hta lnk url msi msp msix
  appx jar war apk ipa dmg pkg iso img vhd vhdx ova doc docx docm dot dotm xls xlsx xlsm xlsb xll ppt pptx pptm rtf
  pdf txt csv log ini cfg conf json xml yml yaml chm one onepkg rar 7z gz tgz bz2 xz cab zip tar arj ace elf so
  dylib bin dat tmp db sqlite php asp aspx ashx jsp jspx cgi py pyc sh bash rb lua html htm xhtml svg
  eml msg pst ost md lib ocx cpl drv efi deb rpm jpg jpeg png gif bmp ico mp3 mp4 avi mov wav`.split(/\s+/));
// Extensions that are top-level domains too, and where a domain is as likely as a file.
const AMBIGUOUS = new Set([...FILE_EXTENSIONS].filter((extension) => TLD.has(extension)));
// Product names that look like file names or domains.
const NAMES = new Set(['node.js', 'vue.js', 'next.js', 'nuxt.js', 'react.js', 'angular.js', 'express.js', 'three.js', 'd3.js',
  'chart.js', 'ember.js', 'backbone.js', 'deno.js', 'asp.net', 'vb.net', 'ado.net', 'dot.net']);

// Defanged forms, read back in one pass (so `hxxps[:]//` is whole): [.] (.) {.} [dot] (dot) {dot},
// [:] [://] [/], hxxp(s) and fxp before a colon, [@] (@) [at] (at) {at}.
const DEFANGED = /\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}|\[:\/\/\]|\[:\]|\[\/\]|\[@\]|\(@\)|\{@\}|\[at\]|\(at\)|\{at\}|\bh[xX]{2}p(?=s?(?::|\[:))|\bfxp(?=:|\[:)/gi;
const FANGED = new Map([['[://]', '://'], ['[:]', ':'], ['[/]', '/'], ['hxxp', 'http'], ['fxp', 'ftp']]);

// A URL runs to a space, a quote, an angle bracket or a `|` (none is allowed in one, RFC 3986 §2:
// `<url|label>` is how chat tools paste links); its trailing punctuation is the sentence's.
const URL_START = /\b(?:https?|ftp):\/\/[^\s<>"'|\u0060]+/gi;
// Tokens: what lies between spaces, quotes, brackets and the separators of lists and key=value.
const TOKEN = /[^\s"'<>()[\]{}|,;=&\u0060\u2018\u2019\u201c\u201d]+/g;
const EDGE = '.!?*~:';
const OCTET = /^(?:0|[1-9]\d{0,2})$/;
const HEX = /^[0-9a-f]+$/i;
const HASHES = new Map([[32, 'md5'], [40, 'sha1'], [64, 'sha256']]);
const LABEL = /^[\p{L}\p{N}\p{M}\p{Cf}](?:[\p{L}\p{N}\p{M}\p{Cf}-]*[\p{L}\p{N}\p{M}\p{Cf}])?$/u;
const ASCII_LABEL = /^[a-z0-9-]+$/;
const LOCAL_PART = /^[\p{L}\p{N}._%+\-!#$'*/?^{}~]+$/u;
const FILE_NAME = /^[\p{L}\p{N}\p{M}\p{Cf}_\-.~$#@+%]+$/u;
// Words before a dotted quad that make it a version: `version 10.2.3.4`, `build 2.4.1.10`, `OID 1.3.6.1`.
const VERSION_BEFORE = /(?:^|[^\p{L}\p{N}])(?:versions?|ver|v|build|builds|release|rel|patch|firmware|fw|hotfix|rev|revision|oid|kb|sp|update|fixed in|prior to|up to|before|upgrade to|upgraded to|update to|updated to|introduced in|release[sd]? in)[\s:#(]*$/iu;
const VERSION_AFTER = /^[\s,)]*(?:and|or)\s+(?:later|earlier|above|below|newer|older|prior|higher|lower)\b/i;
const SIGNIFICANT = /[.:@/\\]/;
// A token no observable is longer than (URLs are found apart).
const MAX_TOKEN = 2048;

/** Reads defanged text back: hxxp://, [.], (.), {.}, [dot], [:], [://], fxp, [@], [at]... */
export function refang(text) {
  return text.replace(DEFANGED, (found) => {
    const form = found.toLowerCase();
    return FANGED.get(form) ?? (form[1] === '.' || form[1] === 'd' ? '.' : '@');
  });
}

/** Whether text is an IPv6 address (RFC 4291 §2.2): eight groups, or fewer around one `::`. */
export function isIpv6(text) {
  let groups = text.split(':');
  const last = groups[groups.length - 1];
  // An IPv4 address as the last 32 bits counts as two groups.
  if (last.includes('.')) {
    if (!isIpv4(last)) return false;
    groups = [...groups.slice(0, -1), '0', '0'];
  }
  const halves = groups.join(':').split('::');
  if (halves.length > 2) return false;
  const parts = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (!parts.every((group) => group.length >= 1 && group.length <= 4 && HEX.test(group))) return false;
  return halves.length === 2 ? parts.length < 8 : parts.length === 8;
}

function isIpv4(text) {
  const octets = text.split('.');
  return octets.length === 4 && octets.every((octet) => OCTET.test(octet) && Number(octet) <= 255);
}

/** Whether `host` is a domain: labels of letters, digits and hyphens, ending in one of IANA's TLDs. */
export function isDomain(host) {
  if (host.length > 253) return false;
  const labels = host.split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1];
  if (!TLD.has(asciiTld(tld.toLowerCase()))) return false;
  // `end.Now`, `Thanks.App`: a capitalised last label in a name that is not all capitals is prose.
  if (/^\p{Lu}/u.test(tld) && host !== host.toUpperCase()) return false;
  return labels.every((label) => label.length <= 63 && LABEL.test(label));
}

/** An internationalized TLD in its ASCII form (`рф` is `xn--p1ai`), as IANA lists it. */
function asciiTld(tld) {
  if (ASCII_LABEL.test(tld)) return tld;
  try {
    // The URL parser's IDNA (UTS #46): the browser and Node have one. (Written in two parts: the
    // console's files name no other host, test/console.test.ts checks.)
    return new URL(`http:${'//'}x.${tld}/`).hostname.slice(2);
  } catch {
    return '';
  }
}

/** A URL without the sentence's punctuation after it; a `)` stays when the URL opened one. */
function trimUrl(url) {
  let open = 0;
  for (const char of url) {
    if (char === '(') open++;
    else if (char === ')') open--;
  }
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (last === ')' && open < 0) open++;
    else if (!'.,;:!?]}\'"*'.includes(last)) break;
    end--;
  }
  return url.slice(0, end);
}

/** The host a URL names, as written: after `//` and any `user@`, before the port, path or query. */
function hostOf(url) {
  const authority = url.slice(url.indexOf('//') + 2).split(/[/?#\\]/, 1)[0];
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (host.startsWith('[')) return { type: 'ipv6', value: host.slice(1, host.indexOf(']')) };
  return { value: host.replace(/:\d*$/, '') };
}

function trimEdges(token, edges = EDGE) {
  let start = 0;
  let end = token.length;
  while (start < end && edges.includes(token[start])) start++;
  while (end > start && edges.includes(token[end - 1])) end--;
  return [token.slice(start, end), start];
}

/**
 * Collects what one token is: an address, a hash, an email, a domain or a file name (or
 * several, for `host:port`, `sha256:<hash>`, a path, a range).
 */
function classifyToken(text, token, at, found) {
  // Most tokens are words: no dot, colon, @ or slash, and shorter than a hash.
  if (token.length > MAX_TOKEN || (token.length < 32 && !SIGNIFICANT.test(token))) return;
  const [trimmed, shift] = trimEdges(token, '.!?*~');
  const start = at + shift;
  if (trimmed.includes(':') && isIpv6(trimmed)) {
    found.push({ type: 'ipv6', value: trimmed, at: start });
    return;
  }
  // A CIDR block names a network, not one address.
  if (/^[0-9a-f.:]+\/\d{1,3}$/i.test(trimmed) && (isIpv4(trimmed.split('/')[0]) || isIpv6(trimmed.split('/')[0]))) return;
  let offset = 0;
  for (const piece of trimmed.split(':')) {
    classifyPiece(text, piece, start + offset, found);
    offset += piece.length + 1;
  }
}

function classifyPiece(text, piece, at, found) {
  const segments = piece.split(/[/\\]/);
  if (segments.length === 1) return classifyWord(text, piece, at, found);
  // A path: its host (`example.com/login`) or its file (`C:\Users\x\payload.dll`, `/tmp/stage2.bin`).
  const first = segments[0];
  if (first !== '' && classifyWord(text, first, at, found, { files: false })) return undefined;
  const last = segments[segments.length - 1];
  return classifyWord(text, last, at + piece.length - last.length, found, { hosts: false });
}

/** Adds what `raw` is to `found`; returns whether it was something. */
function classifyWord(text, raw, at, found, { files = true, hosts = true } = {}) {
  const [word, shift] = trimEdges(raw);
  if (word === '') return false;
  const start = at + shift;
  const add = (type, value, where = start) => found.push({ type, value, at: where });
  const hash = HASHES.get(word.length);
  if (hash !== undefined && HEX.test(word)) {
    add(hash, word);
    return true;
  }
  if (hosts && /^[\d.-]+$/.test(word)) return addAddresses(text, word, start, add);
  const atSign = word.lastIndexOf('@');
  if (atSign > 0) {
    const local = word.slice(0, atSign);
    const domain = word.slice(atSign + 1);
    if (LOCAL_PART.test(local) && isDomain(domain)) {
      add('email', word);
      return true;
    }
    return false;
  }
  const dot = word.lastIndexOf('.');
  if (dot <= 0 || NAMES.has(word.toLowerCase())) return false;
  const extension = word.slice(dot + 1).toLowerCase();
  const oneDot = word.indexOf('.') === dot;
  const file = FILE_EXTENSIONS.has(extension) && (!AMBIGUOUS.has(extension) || oneDot);
  if (hosts && !file && isDomain(word)) {
    add('domain', word);
    return true;
  }
  if (files && FILE_EXTENSIONS.has(extension) && FILE_NAME.test(word) && !/^[\d.]+$/.test(word.slice(0, dot))) {
    add('file_name', word);
    return true;
  }
  return false;
}

/** An IPv4 address, or both ends of a range (`a.b.c.d-a.b.c.e`, `a.b.c.d-e`); never a version. */
function addAddresses(text, word, start, add) {
  const ends = word.split('-');
  if (ends.length > 2 || !isIpv4(ends[0])) return false;
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(start + word.length, start + word.length + 40);
  // `10.0.0.0/8`: a network; `1.2.3.4.5`: no address; a version or an OID by the words around it.
  if (/^\/\d/.test(after) || /^\.\d/.test(after) || /\d\.$/.test(before) || VERSION_BEFORE.test(before) || VERSION_AFTER.test(after)) return false;
  if (ends.length === 1) {
    add('ip', word);
    return true;
  }
  const last = /^\d{1,3}$/.test(ends[1]) ? `${ends[0].slice(0, ends[0].lastIndexOf('.'))}.${ends[1]}` : ends[1];
  if (!isIpv4(last)) return false;
  add('ip', ends[0]);
  add('ip', last, start + ends[0].length + 1);
  return true;
}

/** The same observable whatever the case of a host, an address or a hash. */
function keyOf(type, value) {
  return `${type}\u0000${type === 'url' || type === 'file_name' ? value : value.toLowerCase()}`;
}

/** The observables in a text, as `{ type, value }`, in the order they appear, each once. */
export function extract(text) {
  const source = refang(String(text));
  const found = [];
  // URLs first, each with its host; the token pass skips their text.
  const spans = [];
  for (const match of source.matchAll(URL_START)) {
    const url = trimUrl(match[0]);
    found.push({ type: 'url', value: url, at: match.index });
    const host = hostOf(url);
    if (host.type === 'ipv6' ? isIpv6(host.value) : isIpv4(host.value) || isDomain(host.value)) {
      found.push({ type: host.type ?? (isIpv4(host.value) ? 'ip' : 'domain'), value: host.value, at: match.index });
    }
    spans.push(match.index, match.index + url.length);
  }
  let span = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(source); match !== null; match = TOKEN.exec(source)) {
    const at = match.index;
    while (span < spans.length && spans[span + 1] <= at) span += 2;
    // Within a URL (a token runs past its end only by the sentence's punctuation, left out).
    if (span < spans.length && spans[span] <= at) continue;
    classifyToken(source, match[0], at, found);
  }
  // In the order of the text (a URL's host right after it: the sort is stable).
  found.sort((a, b) => a.at - b.at);
  const seen = new Set();
  const observables = [];
  for (const { type, value } of found) {
    const key = keyOf(type, value);
    if (seen.has(key)) continue;
    seen.add(key);
    observables.push({ type, value });
  }
  return observables;
}

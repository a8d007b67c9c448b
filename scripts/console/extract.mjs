// The console's observable extractor: free text in, CTIM observables out, in the order they first
// appear, each once. Plain JavaScript with no imports: the page loads it as it is, and the tests
// import the same file (test/console.test.ts).
//
// It reads text the way XDR's investigate box does: defanged forms are read back (hxxp, [.], [@]),
// a URL or an email is one observable (its host is not extracted again), and an IP, a hash or a
// file name is never also read as a domain.

/** The CTIM observable types the extractor finds, with the label the console shows for each. */
export const TYPES = {
  ip: 'IPv4', ipv6: 'IPv6', domain: 'Domain', url: 'URL', email: 'Email',
  md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', file_name: 'File name',
};

// File extensions that are no top-level domain: `invoice.exe` can only be a file name. Those that
// are also TLDs (.zip, .mov, .sh, .py, .ai) are left to be read as domains: ambiguous.
// (.com, .one, .cab and .so are TLDs too.)
const FILE_EXTENSIONS = [
  'exe', 'dll', 'sys', 'scr', 'bat', 'cmd', 'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'hta', 'lnk',
  'msi', 'msp', 'jar', 'apk', 'dmg', 'pkg', 'iso', 'img', 'vhd', 'vhdx', 'doc', 'docx', 'docm', 'xls', 'xlsx',
  'xlsm', 'ppt', 'pptx', 'pptm', 'rtf', 'pdf', 'txt', 'csv', 'chm', 'rar', '7z', 'gz', 'tgz', 'bz2',
  'xz', 'elf', 'dylib', 'dat', 'tmp', 'php', 'asp', 'aspx', 'jsp', 'html', 'htm', 'svg',
];

// Characters that may stand right before or after an observable: anything but a letter, a digit,
// or a character that would make it part of a longer token.
const BEFORE = String.raw`(?<![\p{L}\p{N}_.@:/\\-])`;
const AFTER = String.raw`(?![\p{L}\p{N}_@-]|\.[\p{L}\p{N}_-])`;
const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?`;
const HOST = String.raw`(?:${LABEL}\.)+\p{L}{2,63}`;
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4 = String.raw`${OCTET}(?:\.${OCTET}){3}`;

// Tried in this order: each keeps the text it matched from the ones after it.
const MATCHERS = [
  // A URL ends at a space, a quote or an angle bracket; trailing punctuation is the sentence's.
  ['url', new RegExp(String.raw`\b(?:https?|ftp)://[^\s<>"'\u0060]+`, 'giu')],
  ['email', new RegExp(String.raw`${BEFORE}[\p{L}\p{N}._%+-]+@${HOST}${AFTER}`, 'giu')],
  ['sha256', new RegExp(String.raw`${BEFORE}[0-9a-f]{64}${AFTER}`, 'giu')],
  ['sha1', new RegExp(String.raw`${BEFORE}[0-9a-f]{40}${AFTER}`, 'giu')],
  ['md5', new RegExp(String.raw`${BEFORE}[0-9a-f]{32}${AFTER}`, 'giu')],
  // Candidates only: checked by isIpv6, so that times (10:00:00) and MAC addresses are left alone.
  ['ipv6', /(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/giu],
  ['ip', new RegExp(String.raw`${BEFORE}${IPV4}(?![\p{L}\p{N}_-]|\.\d)`, 'gu')],
  ['file_name', new RegExp(String.raw`(?<![\p{L}\p{N}_.@/-])[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*\.(?:${FILE_EXTENSIONS.join('|')})${AFTER}`, 'giu')],
  ['domain', new RegExp(String.raw`${BEFORE}${HOST}${AFTER}`, 'giu')],
];

/** Reads defanged text back: hxxp://, [.], (.), {.}, [dot], [@], [at]. */
export function refang(text) {
  return text
    .replace(/\bhxxp(s?):\/\//gi, 'http$1://')
    .replace(/\b(h..ps?)\[:\]\/\//gi, '$1://')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi, '.')
    .replace(/\[@\]|\(@\)|\[at\]|\(at\)/gi, '@');
}

/** Whether text is an IPv6 address (RFC 4291 §2.2): eight groups, or fewer around one `::`. */
export function isIpv6(text) {
  let groups = text.split(':');
  const last = groups[groups.length - 1];
  // An IPv4 address as the last 32 bits counts as two groups.
  if (last.includes('.')) {
    if (!new RegExp(`^${IPV4}$`).test(last)) return false;
    groups = [...groups.slice(0, -1), '0', '0'];
  }
  const joined = groups.join(':');
  const halves = joined.split('::');
  if (halves.length > 2) return false;
  const parts = halves.map((half) => (half === '' ? [] : half.split(':')));
  if (!parts.flat().every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return false;
  const count = parts.flat().length;
  return halves.length === 2 ? count < 8 : count === 8;
}

/** A URL without the sentence's punctuation after it; a `)` stays when the URL opened one. */
function trimUrl(url) {
  let value = url;
  for (;;) {
    const last = value.at(-1);
    const unopened = last === ')' && value.split('(').length < value.split(')').length;
    if (!(unopened || '.,;:!?]}\'"'.includes(last))) return value;
    value = value.slice(0, -1);
  }
}

/** The observables in a text, as `{ type, value }`, in the order they appear, each once. */
export function extract(text) {
  const source = refang(String(text));
  const taken = new Uint8Array(source.length);
  const found = [];
  for (const [type, pattern] of MATCHERS) {
    for (const match of source.matchAll(pattern)) {
      let value = match[0];
      if (type === 'url') value = trimUrl(value);
      if (type === 'ipv6' && !isIpv6(value)) continue;
      const start = match.index + match[0].indexOf(value);
      const end = start + value.length;
      if (value === '' || taken.subarray(start, end).some((bit) => bit === 1)) continue;
      taken.fill(1, start, end);
      found.push({ type, value, start });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const seen = new Set();
  const observables = [];
  for (const { type, value } of found) {
    // Hosts, addresses and hashes are the same whatever their case; URLs and file names may not be.
    const key = `${type}\u0000${type === 'url' || type === 'file_name' ? value : value.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    observables.push({ type, value });
  }
  return observables;
}

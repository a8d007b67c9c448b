// Blanks secrets in a crash's text, in every spelling an error may hold them: as written, in a URL
// (percent-encoded, or a form's `+` for spaces), escaped in JSON or by util.inspect (`\'`, `\"`,
// `\\`), and inside base64 (a Basic header, a JWT's payload) at any of the three byte alignments.

/** A derived spelling shorter than this is not blanked: it would blank unrelated text. */
const MIN_DERIVED = 8;

/** Each secret's spellings, longest first, so that a spelling holding another is blanked whole. */
export function listSpellings(secrets: readonly string[]): string[] {
  const spellings = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    spellings.add(secret);
    for (const form of [...encode(secret), ...escape(secret), ...escape(quoteJson(secret))]) {
      if (form.length >= MIN_DERIVED) spellings.add(form);
    }
  }
  return [...spellings].sort((a, b) => b.length - a.length);
}

/** `text` with every spelling replaced by `[redacted]`; `spellings` as listSpellings returns them. */
export function redact(text: string, spellings: readonly string[]): string {
  let result = text;
  for (const spelling of spellings) result = result.replaceAll(spelling, '[redacted]');
  return result;
}

/** In a URL (RFC 3986, upper- and lower-case hex; a form's `+`), and in base64 and base64url. */
function encode(secret: string): string[] {
  // encodeURIComponent throws on a lone surrogate; a form's encoding replaces it with U+FFFD.
  let percent: string;
  try {
    percent = encodeURIComponent(secret);
  } catch {
    percent = '';
  }
  const form = new URLSearchParams([['', secret]]).toString().slice(1);
  const lower = (text: string) => text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  return [percent, lower(percent), form, lower(form), ...base64(secret)];
}

/**
 * The characters of base64 that encode only the secret's bytes, whatever precedes it: in a
 * longer encoded text the secret starts at a byte offset of 0, 1 or 2 modulo 3 (RFC 4648 §4), and
 * each alignment spells its middle differently.
 */
function base64(secret: string): string[] {
  const bytes = Buffer.from(secret);
  const spellings: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Characters are 6 bits: the first whole one after `offset` bytes, up to the last whole one within the secret.
    const middle = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    spellings.push(middle, middle.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return spellings;
}

/** The secret inside a JSON string, without its quotes. */
function quoteJson(secret: string): string {
  return JSON.stringify(secret).slice(1, -1);
}

/**
 * The secret inside a string util.inspect printed, for each quote it may have chosen (it escapes
 * the backslash and the quote it chose, which depends on the whole string: lib/internal/util/inspect.js).
 * Its escapes of control characters are left out: a token or an API key has none.
 */
function escape(secret: string): string[] {
  const slashed = secret.replaceAll('\\', '\\\\');
  return ['\'', '"', '`'].map((quote) => slashed.replaceAll(quote, `\\${quote}`));
}

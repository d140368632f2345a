import iconv from 'iconv-lite';
import chardet from 'chardet';

export interface Decoded { text: string; encoding: string; warnings: string[] }

export class DecodeError extends Error {}

const SNIFF = 8192;

/** Byte order marks, as the decoded text keeps them (fs.readFile(path, 'utf8') keeps U+FEFF). */
function bomEncoding(buf: Buffer): string | null {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8';
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  return null;
}

/** True when the bytes look like a binary file rather than text in any charset. */
export function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, SNIFF);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.05;
}

/** The charset an HTML document declares in its first bytes, if any. */
export function declaredCharset(buf: Buffer): string | null {
  const head = buf.subarray(0, 2048).toString('latin1');
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

interface Utf8Scan { valid: boolean; multibyte: number; firstInvalid: number }

/** Scan UTF-8 validity, counting well-formed multi-byte sequences. */
function scanUtf8(buf: Buffer): Utf8Scan {
  let multibyte = 0;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) { i++; continue; }
    let need = 0;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return { valid: false, multibyte, firstInvalid: i };
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { valid: false, multibyte, firstInvalid: i };
    }
    multibyte++;
    i += need + 1;
  }
  return { valid: true, multibyte, firstInvalid: -1 };
}

const SINGLE_BYTE_OK = new Set([
  'windows-1252', 'iso-8859-1', 'iso-8859-15', 'iso-8859-2', 'windows-1250', 'windows-1251',
  'koi8-r', 'iso-8859-5', 'iso-8859-7', 'windows-1253', 'iso-8859-9', 'windows-1254',
]);

/**
 * Decode raw bytes to text: BOMs, strict UTF-8, a declared HTML charset, else a
 * detected single-byte charset (Windows-1252 for Latin text, which covers Spanish).
 * Mixed files (valid UTF-8 sequences next to invalid bytes) are refused rather than guessed.
 */
export function decodeBytes(buf: Buffer, opts: { html: boolean }): Decoded {
  const warnings: string[] = [];
  const bom = bomEncoding(buf);
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    return { text: iconv.decode(buf, bom, { stripBOM: false }), encoding: bom, warnings };
  }
  if (looksBinary(buf)) throw new DecodeError('binary file, not text or HTML');

  const scan = scanUtf8(buf);
  const declared = opts.html ? declaredCharset(buf) : null;
  if (scan.valid) {
    return { text: buf.toString('utf8'), encoding: 'utf-8', warnings };
  }
  if (declared && declared !== 'utf-8' && declared !== 'utf8' && iconv.encodingExists(declared)) {
    return { text: iconv.decode(buf, declared, { stripBOM: false }), encoding: declared, warnings };
  }
  if (scan.multibyte > 0) {
    throw new DecodeError(
      `invalid UTF-8 at byte ${scan.firstInvalid} (valid UTF-8 sequences mixed with invalid bytes)`,
    );
  }
  // No well-formed UTF-8 at all: a legacy single-byte charset.
  let encoding = 'windows-1252';
  const guesses = chardet.analyse(buf.subarray(0, 65536));
  const best = guesses.find((g) => SINGLE_BYTE_OK.has(g.name.toLowerCase()));
  if (best && best.confidence >= 50) {
    const name = best.name.toLowerCase();
    // ISO-8859-1 is decoded as its superset Windows-1252 (curly quotes, dashes).
    encoding = name === 'iso-8859-1' || name === 'iso-8859-15' ? 'windows-1252' : name;
  }
  if (declared === 'utf-8' || declared === 'utf8') {
    warnings.push(`declares UTF-8 but is not; decoded as ${encoding}`);
  } else {
    warnings.push(`no charset declared; detected ${encoding}`);
  }
  return { text: iconv.decode(buf, encoding), encoding, warnings };
}

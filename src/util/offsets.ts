/**
 * Text built from pieces of a raw document, with the raw offset of every character.
 * Cleaning copies, drops and occasionally inserts characters; later stages quote spans
 * of the built text, and the contract wants those spans as offsets into the raw text.
 * One Int32Array entry per UTF-16 unit keeps the mapping exact and trivially composable.
 */
export class MappedText {
  private parts: string[] = [];
  // Raw offsets of the characters so far, in a typed buffer that doubles when full (filled
  // and copied in bulk, where a number[] grew by one push per character).
  private map = new Int32Array(1024);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.map.length) return;
    let size = this.map.length * 2;
    while (size < this.len + n) size *= 2;
    const grown = new Int32Array(size);
    grown.set(this.map.subarray(0, this.len));
    this.map = grown;
  }

  /** Append text copied verbatim from raw offset `rawStart`. */
  copy(text: string, rawStart: number): void {
    this.parts.push(text);
    this.reserve(text.length);
    for (let i = 0; i < text.length; i++) this.map[this.len + i] = rawStart + i;
    this.len += text.length;
  }

  /** Append text whose characters map to the given raw offsets (same length as text). */
  mapped(text: string, offsets: ArrayLike<number>): void {
    this.parts.push(text);
    this.reserve(text.length);
    for (let i = 0; i < text.length; i++) this.map[this.len + i] = offsets[i]!;
    this.len += text.length;
  }

  /** Append synthetic text (separators, inserted spaces) anchored at raw offset `at`. */
  insert(text: string, at: number): void {
    this.parts.push(text);
    this.reserve(text.length);
    this.map.fill(at, this.len, this.len + text.length);
    this.len += text.length;
  }

  get length(): number { return this.len; }

  toString(): string {
    if (this.parts.length > 1) this.parts = [this.parts.join('')];
    return this.parts[0] ?? '';
  }

  /** Trim trailing whitespace characters (looking only at the last parts: no join). */
  trimEnd(): void {
    let cut = 0;
    let p = this.parts.length - 1;
    for (; p >= 0; p--) {
      const part = this.parts[p]!;
      let n = part.length;
      while (n > 0 && /\s/.test(part[n - 1]!)) n--;
      cut += part.length - n;
      if (n > 0) {
        this.parts[p] = part.slice(0, n);
        break;
      }
    }
    if (cut === 0) return;
    this.parts.length = Math.max(0, p + 1);
    this.len -= cut;
  }

  finish(rawLength: number): TextMap {
    const text = this.toString();
    const offsets = new Int32Array(text.length + 1);
    offsets.set(this.map.subarray(0, text.length));
    offsets[text.length] = text.length ? Math.min(rawLength, this.map[text.length - 1]! + 1) : 0;
    return new TextMap(text, offsets);
  }
}

/** A finished text and its per-character raw offsets (length + 1 entries). */
export class TextMap {
  private own: Int32Array | null;
  constructor(readonly text: string, offsets: Int32Array | null) { this.own = offsets; }

  /** Raw offset of each character, and one past the end (built on first use for an identity). */
  get offsets(): Int32Array {
    if (this.own === null) {
      const o = new Int32Array(this.text.length + 1);
      for (let i = 0; i <= this.text.length; i++) o[i] = i;
      this.own = o;
    }
    return this.own;
  }

  /** Raw [start, end) of the text span [start, end). */
  toRaw(start: number, end: number): { start: number; end: number } {
    if (this.isIdentity) {
      const a = Math.min(start, this.text.length);
      return end <= start ? { start: a, end: a } : { start, end };
    }
    if (end <= start) {
      const at = this.offsets[Math.min(start, this.text.length)]!;
      return { start: at, end: at };
    }
    return { start: this.offsets[start]!, end: this.offsets[end - 1]! + 1 };
  }

  /** Made by `identity()`: offsets[i] === i. */
  private isIdentity = false;

  /** The identity map of a text (its offsets are built only if asked for). */
  static identity(text: string): TextMap {
    const map = new TextMap(text, null);
    map.isIdentity = true;
    return map;
  }

  /** Compose: `inner` maps a derived text onto this text; the result maps it onto raw. */
  compose(inner: TextMap): TextMap {
    // The identity of this very text (an unspun article): the result maps as this map does
    // (offsets are never written after construction, so they are shared).
    if (inner.isIdentity && inner.text === this.text) return this.isIdentity ? TextMap.identity(this.text) : new TextMap(inner.text, this.offsets);
    const outer = this.offsets;
    const io = inner.offsets;
    const offsets = new Int32Array(io.length);
    for (let i = 0; i < io.length; i++) {
      const j = Math.min(io[i]!, this.text.length);
      offsets[i] = outer[j]!;
    }
    return new TextMap(inner.text, offsets);
  }
}

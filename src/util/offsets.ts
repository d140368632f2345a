/**
 * Text built from pieces of a raw document, with the raw offset of every character.
 * Cleaning copies, drops and occasionally inserts characters; later stages quote spans
 * of the built text, and the contract wants those spans as offsets into the raw text.
 * One Int32Array entry per UTF-16 unit keeps the mapping exact and trivially composable.
 */
export class MappedText {
  private parts: string[] = [];
  private map: number[] = [];
  private len = 0;

  /** Append text copied verbatim from raw offset `rawStart`. */
  copy(text: string, rawStart: number): void {
    this.parts.push(text);
    for (let i = 0; i < text.length; i++) this.map.push(rawStart + i);
    this.len += text.length;
  }

  /** Append text whose characters map to the given raw offsets (same length as text). */
  mapped(text: string, offsets: ArrayLike<number>): void {
    this.parts.push(text);
    for (let i = 0; i < text.length; i++) this.map.push(offsets[i]!);
    this.len += text.length;
  }

  /** Append synthetic text (separators, inserted spaces) anchored at raw offset `at`. */
  insert(text: string, at: number): void {
    this.parts.push(text);
    for (let i = 0; i < text.length; i++) this.map.push(at);
    this.len += text.length;
  }

  get length(): number { return this.len; }

  toString(): string {
    if (this.parts.length > 1) this.parts = [this.parts.join('')];
    return this.parts[0] ?? '';
  }

  /** Trim trailing whitespace characters. */
  trimEnd(): void {
    let s = this.toString();
    let n = s.length;
    while (n > 0 && /\s/.test(s[n - 1]!)) n--;
    if (n < s.length) {
      s = s.slice(0, n);
      this.parts = [s];
      this.map.length = n;
      this.len = n;
    }
  }

  finish(rawLength: number): TextMap {
    const text = this.toString();
    const offsets = new Int32Array(text.length + 1);
    for (let i = 0; i < text.length; i++) offsets[i] = this.map[i]!;
    offsets[text.length] = text.length ? Math.min(rawLength, this.map[text.length - 1]! + 1) : 0;
    return new TextMap(text, offsets);
  }
}

/** A finished text and its per-character raw offsets (length + 1 entries). */
export class TextMap {
  constructor(readonly text: string, readonly offsets: Int32Array) {}

  /** Raw [start, end) of the text span [start, end). */
  toRaw(start: number, end: number): { start: number; end: number } {
    if (end <= start) {
      const at = this.offsets[Math.min(start, this.text.length)]!;
      return { start: at, end: at };
    }
    return { start: this.offsets[start]!, end: this.offsets[end - 1]! + 1 };
  }

  static identity(text: string): TextMap {
    const offsets = new Int32Array(text.length + 1);
    for (let i = 0; i <= text.length; i++) offsets[i] = i;
    return new TextMap(text, offsets);
  }

  /** Compose: `inner` maps a derived text onto this text; the result maps it onto raw. */
  compose(inner: TextMap): TextMap {
    const offsets = new Int32Array(inner.offsets.length);
    for (let i = 0; i < inner.offsets.length; i++) {
      const j = Math.min(inner.offsets[i]!, this.text.length);
      offsets[i] = this.offsets[j]!;
    }
    return new TextMap(inner.text, offsets);
  }
}

// Phrases padded with spaces (" a b "), indexed by their first word, found in a normalised text
// (" w1 w2 … wn ", one space between words): the text's words are read once and only the
// phrases starting with one of them are compared, instead of searching the text once per phrase
// (object and context-cue lists run to hundreds of phrases).
export class PaddedIndex<T> {
  private readonly byFirst = new Map<string, Array<{ padded: string; value: T }>>();

  add(padded: string, value: T): void {
    const first = padded.slice(1, padded.indexOf(' ', 1));
    let list = this.byFirst.get(first);
    if (!list) this.byFirst.set(first, (list = []));
    list.push({ padded, value });
  }

  /** Calls `f` with the value of each phrase found in `t`, in the text's order. */
  forEachIn(t: string, f: (value: T) => void): void {
    for (let p = 1; p < t.length;) {
      const q = t.indexOf(' ', p);
      if (q < 0) break;
      const list = this.byFirst.get(t.slice(p, q));
      if (list) for (const e of list) if (t.startsWith(e.padded, p - 1)) f(e.value);
      p = q + 1;
    }
  }
}

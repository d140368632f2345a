// Per-article memo for pure string tests. The block classifier asks the same questions of
// the same line several times (a header line is tested as a date line, then for its
// pattern kind, which tests it as a date line again, through chrono); inside `withMemo`
// each answer is computed once. Nothing is kept once the scope closes, so no article's
// answers leak into another's (and a benchmark of repeated articles gains nothing from it).

type Fn<R> = (s: string) => R;

let active: Map<Fn<unknown>, Map<string, unknown>> | null = null;

/** Run `f` with a fresh memo for every `memo()`-wrapped function it calls. */
export function withMemo<T>(f: () => T): T {
  const prev = active;
  active = new Map();
  try {
    return f();
  } finally {
    active = prev;
  }
}

/** `f`, answering from the current memo scope when there is one. `f` must be pure. */
export function memo<R>(f: Fn<R>): Fn<R> {
  return (s: string): R => {
    if (!active) return f(s);
    let m = active.get(f as Fn<unknown>) as Map<string, R> | undefined;
    if (!m) {
      m = new Map();
      active.set(f as Fn<unknown>, m);
    }
    const hit = m.get(s);
    if (hit !== undefined || m.has(s)) return hit as R;
    const r = f(s);
    m.set(s, r);
    return r;
  };
}

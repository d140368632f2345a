// A virtualised list: only the rows in view (plus a few) exist in the DOM, so 10,000 events
// scroll as smoothly as 10. Rows have one fixed height. Keyboard: the list is one tab stop
// (a listbox); arrows, Page Up/Down, Home/End move the active row, Enter opens it.
// Hand-written because the libraries for this (TanStack Virtual, react-window, …) assume a
// framework, and fixed-height windowing is a few dozen lines.

export interface VirtualList {
  el: HTMLElement;
  /** Number of rows (grows while pages load). */
  setCount(n: number): void;
  /** Re-render the rows in view (data or scale changed). */
  refresh(): void;
  setRowHeight(px: number): void;
  /** The active row (keyboard), -1 before any. */
  readonly active: number;
  setActive(i: number, scroll?: boolean): void;
  destroy(): void;
}

export interface VirtualListOptions {
  rowHeight: number;
  label: string;
  /** Build the element of row i (absolutely positioned by the list). */
  render(i: number): HTMLElement;
  /** Enter on the active row. */
  open(i: number): void;
  overscan?: number;
}

export function virtualList(o: VirtualListOptions): VirtualList {
  const el = document.createElement('div');
  el.className = 'vlist';
  el.tabIndex = 0;
  el.setAttribute('role', 'listbox');
  el.setAttribute('aria-label', o.label);
  const spacer = document.createElement('div');
  spacer.className = 'vlist-spacer';
  spacer.setAttribute('aria-hidden', 'true');
  el.appendChild(spacer);
  let rowH = o.rowHeight;
  let count = 0;
  let active = -1;
  const overscan = o.overscan ?? 6;
  const rows = new Map<number, HTMLElement>();
  let frame = 0;

  const place = (i: number, row: HTMLElement) => {
    row.id = `vrow-${i}`;
    row.setAttribute('role', 'option');
    row.setAttribute('aria-selected', i === active ? 'true' : 'false');
    row.setAttribute('aria-setsize', String(count));
    row.setAttribute('aria-posinset', String(i + 1));
    row.tabIndex = -1;
    row.classList.toggle('active', i === active);
    row.style.transform = `translateY(${i * rowH}px)`;
    row.style.height = `${rowH}px`;
  };

  const draw = (all: boolean) => {
    frame = 0;
    const top = el.scrollTop;
    const h = el.clientHeight || 600;
    const first = Math.max(0, Math.floor(top / rowH) - overscan);
    const last = Math.min(count - 1, Math.ceil((top + h) / rowH) + overscan);
    for (const [i, row] of rows) {
      if (all || i < first || i > last) { row.remove(); rows.delete(i); }
    }
    for (let i = first; i <= last; i++) {
      if (rows.has(i)) continue;
      const row = o.render(i);
      place(i, row);
      rows.set(i, row);
      el.appendChild(row);
    }
  };
  const schedule = () => { if (!frame) frame = requestAnimationFrame(() => draw(false)); };

  const setActive = (i: number, scroll = true) => {
    if (count === 0) return;
    const prev = active;
    active = Math.max(0, Math.min(count - 1, i));
    for (const j of [prev, active]) { const r = rows.get(j); if (r) place(j, r); }
    el.setAttribute('aria-activedescendant', `vrow-${active}`);
    if (scroll) {
      const y = active * rowH;
      if (y < el.scrollTop) el.scrollTop = y;
      else if (y + rowH > el.scrollTop + el.clientHeight) el.scrollTop = y + rowH - el.clientHeight;
      draw(false);
      const r = rows.get(active);
      if (r) place(active, r);
      el.setAttribute('aria-activedescendant', `vrow-${active}`);
    }
  };

  el.addEventListener('scroll', schedule, { passive: true });
  el.addEventListener('keydown', (e) => {
    const page = Math.max(1, Math.floor(el.clientHeight / rowH) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => setActive(active + 1),
      ArrowUp: () => setActive(active - 1),
      PageDown: () => setActive(active + page),
      PageUp: () => setActive(active - page),
      Home: () => setActive(0),
      End: () => setActive(count - 1),
      Enter: () => { if (active >= 0) o.open(active); },
    };
    const k = keys[e.key];
    if (k) { e.preventDefault(); k(); }
  });
  el.addEventListener('focus', () => { if (active < 0 && count > 0) setActive(Math.floor(el.scrollTop / rowH), false); });
  const ro = new ResizeObserver(schedule);
  ro.observe(el);

  return {
    el,
    get active() { return active; },
    setActive,
    setCount(n: number) {
      count = n;
      spacer.style.height = `${n * rowH}px`;
      if (active >= n) active = n - 1;
      schedule();
    },
    refresh() { if (frame) cancelAnimationFrame(frame); draw(true); },
    setRowHeight(px: number) {
      if (px === rowH) return;
      const firstVisible = el.scrollTop / rowH;
      rowH = px;
      spacer.style.height = `${count * rowH}px`;
      el.scrollTop = firstVisible * rowH;
      if (frame) cancelAnimationFrame(frame);
      draw(true);
    },
    destroy() { ro.disconnect(); if (frame) cancelAnimationFrame(frame); el.remove(); },
  };
}

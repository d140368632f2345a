// DOM building for the workbench. Everything the articles or the API say is inserted as text
// nodes or attribute values, never parsed as HTML: there is no innerHTML anywhere in the UI.
// Event handlers are attached with addEventListener; links only take safe targets.

export type Child = Node | string | number | null | undefined | false | Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (typeof c === 'string' || typeof c === 'number') el.appendChild(document.createTextNode(String(c)));
    else el.appendChild(c);
  }
}

/** Only in-app routes, same-origin paths and http(s) URLs may become link targets. */
export function safeHref(href: string): string | null {
  if (href.startsWith('#') || (href.startsWith('/') && !href.startsWith('//'))) return href;
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function setAttrs(el: Element, attrs: Attrs | null | undefined): void {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') {
      if (!k.startsWith('on')) throw new Error(`handler for a non-event attribute "${k}"`);
      el.addEventListener(k.slice(2).toLowerCase(), v);
      continue;
    }
    // String handlers and inline styles are never set (the CSP forbids them anyway).
    if (/^on/i.test(k) || k === 'style') throw new Error(`attribute "${k}" is not allowed`);
    if (k === 'href' || k === 'xlink:href') {
      const safe = safeHref(String(v));
      if (safe) el.setAttribute(k, safe);
      continue;
    }
    el.setAttribute(k, v === true ? '' : String(v));
  }
}

/** An HTML element with attributes, handlers (`onclick: fn`) and text/element children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element (charts). */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Replace an element's children. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A status line for loading and errors, announced to screen readers. */
export function status(text: string, kind: 'loading' | 'error' | 'empty' = 'loading'): HTMLElement {
  return h('p', { class: `status status-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

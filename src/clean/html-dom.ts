import { createRequire } from 'node:module';
import type * as JsdomModule from 'jsdom';
// linkedom: a light DOM (linked lists, no window, no script engine) that Readability runs on.
// Added because jsdom's DOM cost ~60% of HTML extraction: on the 102 AEB pages and the sample
// pages, parse5's tree rebuilt as linkedom nodes gives the same page metadata, blocks (with
// offsets) and Readability choice as jsdom, at 2.5× the speed (see parseHtml).
import { DOMParser as LinkedomParser } from 'linkedom';
// parse5: the WHATWG parser jsdom itself uses (same tree for broken markup, source locations).
import { parse as parse5, type DefaultTreeAdapterMap } from 'parse5';

/**
 * Blank out the bodies of <script>, <style>, <template> and friends with spaces of the same
 * length: the page stays inert (nothing can run), jsdom's CSS parser never sees hostile or
 * broken style sheets, and every offset into the document is unchanged.
 */
export function neutralize(raw: string): string {
  return raw.replace(
    /<(script|style|template|noscript|iframe|object|embed|svg|math)\b[^>]*>[\s\S]*?<\/\1\s*>/gi,
    (m, tag: string) => {
      const open = m.indexOf('>') + 1;
      // The match ends with its closing tag, "</tag" then spaces and ">": step back over it
      // (lower-casing the whole match to search it cost ~5 ms on pages with big scripts). A
      // match holding "İ", whose lower case is two characters long, keeps the old search,
      // offset quirk included.
      let close: number;
      if (m.includes('\u0130')) {
        close = m.toLowerCase().lastIndexOf(`</${tag.toLowerCase()}`);
      } else {
        close = m.length - 2;
        while (close > 0 && /\s/.test(m[close]!)) close--;
        close -= tag.length + 1;
      }
      const body = m.slice(open, close).split('\n').map((line) => ' '.repeat(line.length)).join('\n');
      return m.slice(0, open) + body + m.slice(close);
    },
  );
}

// Readability's cost grows steeply with nesting depth (seconds at a few hundred levels);
// real article pages stay well under this.
export const MAX_DEPTH = 120;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/**
 * Blank out (with spaces, keeping offsets) the tags nested deeper than `maxDepth`: hostile
 * pages nest elements thousands deep to exhaust recursive code. Text inside is kept.
 */
export function flattenDeepNesting(raw: string, maxDepth = MAX_DEPTH): { html: string; flattened: boolean } {
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g;
  const stack: Array<{ name: string; blank: boolean }> = [];
  const cuts: Array<[number, number]> = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) !== null) {
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      let k = stack.length - 1;
      while (k >= 0 && stack[k]!.name !== name) k--;
      if (k < 0) continue;
      const blank = stack[k]!.blank;
      stack.length = k;
      if (blank) cuts.push([m.index, m.index + m[0].length]);
    } else if (!VOID.has(name) && !m[3]) {
      const blank = stack.length >= maxDepth;
      stack.push({ name, blank });
      if (blank) cuts.push([m.index, m.index + m[0].length]);
    }
  }
  if (cuts.length === 0) return { html: raw, flattened: false };
  const parts: string[] = [];
  let pos = 0;
  for (const [a, b] of cuts) {
    parts.push(raw.slice(pos, a), ' '.repeat(b - a));
    pos = b;
  }
  parts.push(raw.slice(pos));
  return { html: parts.join(''), flattened: true };
}

export interface ParsedHtml {
  document: Document;
  /** Source span of a node in the string that was parsed (same offsets as the raw page). */
  nodeLocation(node: Node): { startOffset: number; endOffset: number } | null;
  /** Nesting beyond the depth limit was flattened. */
  flattened: boolean;
  /** Release the page: call it once done with the document, also when processing fails. */
  close(): void;
}

// A jsdom window costs ~10 ms to build (it installs every DOM interface) and more to collect;
// the page itself parses in ~5 ms. So one window serves every page: each page becomes a
// Document of that window, built and parsed exactly as `new JSDOM(html, {includeNodeLocations})`
// builds and parses its own (same parse5 options, same DOM classes, so Readability and the
// block walk see the same tree), but with no browsing context: no defaultView, so nothing can
// run or load — not even the windows jsdom otherwise builds for every <iframe>. This reaches
// into jsdom's internal modules (lib/jsdom/living/documents.js, lib/jsdom/browser/parser,
// lib/generated/idl/utils.js); should a jsdom release move them, `internals()` returns null
// and every page gets its own JSDOM as before (test/html-parse.test.ts checks both agree).
interface Internals {
  createDocument(html: string, url: string): Document;
  location(node: Node): { startOffset: number; endOffset: number } | null;
}

let cachedInternals: Internals | null | undefined;

const require = createRequire(import.meta.url);
// jsdom is loaded only when a jsdom engine is asked for (it costs ~30 MB and ~0.3 s to load).
const jsdom = () => require('jsdom') as typeof JsdomModule;

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const TAG_LIST = /^[a-z][a-z0-9]*(?:,[a-z][a-z0-9]*)*$/;

/**
 * Readability looks elements up with querySelectorAll("p"), ("h1,h2"), ("img,picture,figure")…
 * dozens of times a page, and jsdom's selector engine spent a third of Readability's time
 * there. On the shared window only, a bare list of lower-case tag names is answered by a
 * walk of the descendant elements in tree order, filtered with the type-selector
 * rule (HTML elements by ASCII-lower-cased local name, others by exact local name), as a
 * static list; every other selector goes to jsdom. test/html-parse.test.ts checks that
 * pages come out the same as through a JSDOM of their own.
 */
function fastTagQueries(win: typeof globalThis): void {
  for (const proto of [win.Element.prototype, win.Document.prototype]) {
    const original = proto.querySelectorAll as (this: Element | Document, s: string) => NodeListOf<Element>;
    Object.defineProperty(proto, 'querySelectorAll', {
      configurable: true,
      writable: true,
      value: function querySelectorAll(this: Element | Document, selectors: string): ArrayLike<Element> {
        if (typeof selectors !== 'string' || !TAG_LIST.test(selectors)) return original.call(this, selectors);
        const tags = selectors.split(',');
        const one = tags.length === 1 ? tags[0] : null;
        const set = one === null ? new Set(tags) : null;
        const out: Element[] = [];
        // Descendant elements in tree order (pre-order), as getElementsByTagName("*") lists them.
        const root: Node = this;
        let el: Element | null = this.firstElementChild;
        while (el) {
          const name = el.namespaceURI === HTML_NS ? el.localName.replace(/[A-Z]+/g, (c) => c.toLowerCase()) : el.localName;
          if (one !== null ? name === one : set!.has(name)) out.push(el);
          let next: Element | null = el.firstElementChild;
          while (!next && el) {
            next = el.nextElementSibling;
            if (!next) {
              const up: Node | null = el.parentNode;
              el = up && up !== root ? (up as Element) : null;
            }
          }
          el = next;
        }
        return out;
      },
    });
  }
}

/** The shared-window parser, or null when jsdom's internals are not where this expects them. */
export function internals(): Internals | null {
  if (cachedInternals !== undefined) return cachedInternals;
  try {
    // jsdom's main module first: its internal modules require each other in that order.
    const { JSDOM, VirtualConsole } = jsdom();
    const documents = require('jsdom/lib/jsdom/living/documents.js') as {
      createWrapper(window: unknown, options: object, flags: object): Document;
    };
    const parser = require('jsdom/lib/jsdom/browser/parser/index.js') as { parseIntoDocument(html: string, doc: unknown): void };
    const idl = require('jsdom/lib/generated/idl/utils.js') as { implForWrapper(x: unknown): { sourceCodeLocation?: { startOffset: number; endOffset: number } } };
    if (typeof documents.createWrapper !== 'function' || typeof parser.parseIntoDocument !== 'function' || typeof idl.implForWrapper !== 'function') {
      throw new Error('jsdom internals changed');
    }
    const host = new JSDOM('', { url: 'https://article.invalid/', virtualConsole: new VirtualConsole() });
    // The selector engine of each document listens on its window for focus, key and mouse
    // events (for :focus-visible) and never lets go: on a shared window those listeners
    // would keep every page alive. No event is ever dispatched to this window.
    Object.defineProperty(host.window, 'addEventListener', { value: () => undefined });
    fastTagQueries(host.window as unknown as typeof globalThis);
    const candidate: Internals = {
      createDocument(html: string, url: string): Document {
        // The options new JSDOM(html, {url, contentType: 'text/html', includeNodeLocations: true})
        // gives its document (jsdom/lib/api.js, browser/Window.js), less the window.
        const doc = documents.createWrapper(host.window, {
          parsingMode: 'html',
          contentType: 'text/html',
          encoding: 'UTF-8',
          url,
          referrer: '',
          parseOptions: { sourceCodeLocationInfo: true },
          global: host.window,
        }, { alwaysUseDocumentClass: true });
        parser.parseIntoDocument(html, idl.implForWrapper(doc));
        return doc;
      },
      location(node: Node) {
        return idl.implForWrapper(node)?.sourceCodeLocation ?? null;
      },
    };
    // Check the path end to end once: a located text node and a working query.
    const html = '<!doctype html><title>t</title><p class="x">ab</p>';
    const probe = candidate.createDocument(html, 'https://article.invalid/');
    const text = probe.querySelector('p.x')?.firstChild;
    const loc = text ? candidate.location(text) : null;
    if (!loc || loc.startOffset !== html.indexOf('ab') || loc.endOffset !== html.indexOf('ab') + 2 || probe.defaultView !== null) {
      throw new Error('jsdom internals changed');
    }
    cachedInternals = candidate;
  } catch {
    cachedInternals = null;
  }
  return cachedInternals;
}

type P5Node = DefaultTreeAdapterMap['node'];
type P5Element = DefaultTreeAdapterMap['element'];
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The page as a linkedom document with the tree parse5 builds (the tree jsdom would build:
 * same parser, same rules for broken markup), and each node's source span. Built
 * iteratively (hostile pages nest deep). Template contents stay out of the tree, as in jsdom;
 * the doctype is left out (nothing reads it).
 */
function linkedomPage(html: string): { document: Document; location: WeakMap<object, { startOffset: number; endOffset: number }> } {
  const tree = parse5(html, { sourceCodeLocationInfo: true });
  const document = new LinkedomParser().parseFromString('<!DOCTYPE html><html></html>', 'text/html') as unknown as Document;
  const location = new WeakMap<object, { startOffset: number; endOffset: number }>();
  const root = tree.childNodes.find((c): c is P5Element => c.nodeName === 'html');
  if (!root) return { document, location };
  const holder = document.createDocumentFragment();
  const stack: Array<[P5Node, Node]> = [[root, holder]];
  while (stack.length) {
    const [n, into] = stack.pop()!;
    let node: Node;
    if (n.nodeName === '#text') {
      node = document.createTextNode((n as DefaultTreeAdapterMap['textNode']).value);
    } else if (n.nodeName === '#comment') {
      node = document.createComment((n as DefaultTreeAdapterMap['commentNode']).data);
    } else if (n.nodeName === '#documentType' || !('tagName' in n)) {
      continue;
    } else {
      const el = n.namespaceURI === SVG_NS ? document.createElementNS(SVG_NS, n.tagName) : document.createElement(n.tagName);
      for (const a of n.attrs) {
        try { el.setAttribute(a.prefix ? `${a.prefix}:${a.name}` : a.name, a.value); } catch { /* a name the DOM refuses */ }
      }
      for (let k = n.childNodes.length - 1; k >= 0; k--) stack.push([n.childNodes[k]!, el]);
      node = el;
    }
    if (n.sourceCodeLocation) location.set(node, n.sourceCodeLocation);
    into.appendChild(node);
  }
  document.replaceChild(holder.firstChild!, document.documentElement);
  return { document, location };
}

export type HtmlEngine = 'linkedom' | 'jsdom' | 'jsdom-own-window';

/**
 * Parse hostile HTML without running or fetching anything, keeping source locations.
 * Engines: 'linkedom' (default: parse5's tree on linkedom, the fastest); 'jsdom' (one shared
 * jsdom window, pages as windowless documents); 'jsdom-own-window' (a JSDOM per page, the
 * reference the others are tested against; also the fallback when jsdom's internals move).
 */
export function parseHtml(raw: string, url?: string, opts: { engine?: HtmlEngine; ownWindow?: boolean } = {}): ParsedHtml {
  const engine: HtmlEngine = opts.ownWindow ? 'jsdom-own-window' : opts.engine ?? 'linkedom';
  let base = 'https://article.invalid/';
  if (url) {
    try {
      const u = new URL(url);
      if (u.protocol === 'http:' || u.protocol === 'https:') base = u.href;
    } catch { /* keep the placeholder */ }
  }
  const flat = flattenDeepNesting(neutralize(raw));
  const fast = engine === 'jsdom' ? internals() : null;
  let parsed: ParsedHtml;
  if (engine === 'linkedom') {
    const { document, location } = linkedomPage(flat.html);
    parsed = { document, nodeLocation: (n) => location.get(n) ?? null, flattened: flat.flattened, close: () => {} };
  } else if (fast) {
    const document = fast.createDocument(flat.html, base);
    // jsdom tracks every attached element with an id or name on the window (for window[name]
    // look-ups), whichever of its documents holds it: detach the page so the window lets go.
    const close = () => { document.replaceChildren(); };
    parsed = { document, nodeLocation: (n) => fast.location(n), flattened: flat.flattened, close };
  } else {
    const { JSDOM, VirtualConsole } = jsdom();
    const dom = new JSDOM(flat.html, {
      url: base,
      contentType: 'text/html',
      includeNodeLocations: true,
      virtualConsole: new VirtualConsole(),
    });
    parsed = {
      document: dom.window.document,
      nodeLocation: (n) => dom.nodeLocation(n) ?? null,
      flattened: flat.flattened,
      close: () => dom.window.close(),
    };
  }
  if (flat.flattened) {
    // The blanked tags left long runs of spaces inside text nodes; Readability rescans text
    // once per ancestor, so shrink them (offset alignment skips the missing spaces).
    const doc = parsed.document;
    const walker = doc.createTreeWalker(doc, 4 /* SHOW_TEXT */);
    for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
      if (t.data.length > 200) t.data = t.data.replace(/\s{100,}/g, ' ');
    }
  }
  return parsed;
}

import { createRequire } from 'node:module';
import type * as JsdomModule from 'jsdom';
// linkedom: a light DOM (linked lists, no window, no script engine) that Readability runs on.
// Added because jsdom's DOM cost ~60% of HTML extraction: on the 102 AEB pages and the sample
// pages, parse5's tree rebuilt as linkedom nodes gives the same page metadata, blocks (with
// offsets) and Readability choice as jsdom, at 2.5× the speed (see parseHtml).
import { DOMParser as LinkedomParser } from 'linkedom';
// parse5: the WHATWG parser jsdom itself uses (same tree for broken markup, source locations).
import { html, parse as parse5, type DefaultTreeAdapterMap, type Token, type TreeAdapter } from 'parse5';
import {
  NeedsFullDom, nextInTree, TreeComment, TreeDocument, TreeElement, TreeNode, TreeParent, TreeSvgElement, TreeText,
} from './html-tree.js';

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

/** Long runs of spaces left by blanked tags: Readability rescans text once per ancestor, so shrink them. */
const shrinkBlankRuns = (data: string) => (data.length > 200 ? data.replace(/\s{100,}/g, ' ') : data);

/**
 * The page as a linkedom document with the tree parse5 builds (the tree jsdom would build:
 * same parser, same rules for broken markup), and each node's source span. Built
 * iteratively (hostile pages nest deep). Template contents stay out of the tree, as in jsdom;
 * the doctype is left out (nothing reads it). Also returns the text nodes in tree order.
 */
function linkedomPage(html: string, flattened: boolean): { document: Document; location: WeakMap<object, { startOffset: number; endOffset: number }>; texts: Text[] } {
  const tree = parse5(html, { sourceCodeLocationInfo: true });
  const document = new LinkedomParser().parseFromString('<!DOCTYPE html><html></html>', 'text/html') as unknown as Document;
  const location = new WeakMap<object, { startOffset: number; endOffset: number }>();
  const texts: Text[] = [];
  const root = tree.childNodes.find((c): c is P5Element => c.nodeName === 'html');
  if (!root) return { document, location, texts };
  const holder = document.createDocumentFragment();
  const stack: Array<[P5Node, Node]> = [[root, holder]];
  while (stack.length) {
    const [n, into] = stack.pop()!;
    let node: Node;
    if (n.nodeName === '#text') {
      const value = (n as DefaultTreeAdapterMap['textNode']).value;
      node = document.createTextNode(flattened ? shrinkBlankRuns(value) : value);
      texts.push(node as Text);
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
  return { document, location, texts };
}

class TreeFragment extends TreeParent {
  readonly nodeType = 11;
  readonly nodeName = '#document-fragment';
}

interface TreeTypes {
  parentNode: TreeParent;
  childNode: TreeNode;
  node: TreeNode;
  document: TreeDocument;
  documentFragment: TreeFragment;
  element: TreeElement;
  commentNode: TreeComment;
  textNode: TreeText;
  template: TreeElement;
  documentType: never;
}

/**
 * The page parsed by parse5 straight into the small tree of html-tree.ts (no intermediate
 * parse5 tree): the same tree as linkedomPage's, since parse5 makes every decision and the
 * adapter only records them. Source spans are kept for text nodes only (nothing reads an
 * element's). Returns null for a page without head and body in their places (a frameset),
 * which linkedom would repair: that page goes to linkedom.
 */
function treePage(markup: string, flattened: boolean): { document: TreeDocument; texts: TreeText[] } | null {
  const document = new TreeDocument();
  // What parse5 asks back about elements: their namespace and attribute list as it gave them.
  const parsed = new Map<TreeElement, { ns: string; attrs: Token.Attribute[] }>();
  const templates = new Map<TreeElement, TreeFragment>();
  let mode: html.DOCUMENT_MODE = html.DOCUMENT_MODE.NO_QUIRKS;
  const attrName = (a: Token.Attribute) => (a.prefix ? `${a.prefix}:${a.name}` : a.name);
  const newText = (parent: TreeParent, text: string, before: TreeNode | null) => {
    parent.insertBefore(new TreeText(document, text), before);
  };
  // parse5 hands text over a word or a run of spaces at a time: the pieces of a text node are
  // joined once at the end (appending to its string would leave a deep rope to flatten).
  const pieces = new Map<TreeText, string[]>();
  const addText = (node: TreeText, text: string) => {
    const p = pieces.get(node);
    if (p) p.push(text);
    else pieces.set(node, [node.data, text]);
  };
  const adapter: TreeAdapter<TreeTypes> = {
    createDocument: () => document,
    createDocumentFragment: () => new TreeFragment(document),
    createElement(tagName, ns, attrs) {
      const el = ns === SVG_NS ? new TreeSvgElement(document, tagName) : new TreeElement(document, tagName);
      for (const a of attrs) el.setAttribute(attrName(a), a.value);
      parsed.set(el, { ns, attrs });
      return el;
    },
    createCommentNode: (data) => new TreeComment(document, data),
    createTextNode: (value) => new TreeText(document, value),
    appendChild: (parent, node) => { parent.appendChild(node); },
    insertBefore: (parent, node, ref) => { parent.insertBefore(node, ref); },
    setTemplateContent: (template, content) => { templates.set(template, content); },
    getTemplateContent: (template) => templates.get(template)!,
    setDocumentType: () => undefined,
    setDocumentMode: (_doc, m) => { mode = m; },
    getDocumentMode: () => mode,
    detachNode: (node) => { node.remove(); },
    insertText(parent, text) {
      const last = parent.lastChild;
      if (last instanceof TreeText) addText(last, text);
      else newText(parent, text, null);
    },
    insertTextBefore(parent, text, ref) {
      const prev = ref.previousSibling;
      if (prev instanceof TreeText) addText(prev, text);
      else newText(parent, text, ref);
    },
    adoptAttributes(el, attrs) {
      const own = parsed.get(el)!.attrs;
      const has = new Set(own.map((a) => a.name));
      for (const a of attrs) {
        if (has.has(a.name)) continue;
        has.add(a.name);
        own.push(a);
        el.setAttribute(attrName(a), a.value);
      }
    },
    getFirstChild: (node) => node.firstChild,
    getChildNodes: (node) => node.childNodes,
    getParentNode: (node) => node.parentNode,
    getAttrList: (el) => parsed.get(el)!.attrs,
    getTagName: (el) => el.localName,
    getNamespaceURI: (el) => parsed.get(el)!.ns as html.NS,
    getTextNodeContent: (node) => (pieces.has(node) ? pieces.get(node)!.join('') : node.data),
    getCommentNodeContent: (node) => node.data,
    getDocumentTypeNodeName: () => '',
    getDocumentTypeNodePublicId: () => '',
    getDocumentTypeNodeSystemId: () => '',
    isTextNode: (node): node is TreeText => node instanceof TreeText,
    isCommentNode: (node): node is TreeComment => node instanceof TreeComment,
    isDocumentTypeNode: (_node): _node is never => false,
    isElementNode: (node): node is TreeElement => node instanceof TreeElement,
    setNodeSourceCodeLocation(node, loc) {
      if (loc && node instanceof TreeText) { node.start = loc.startOffset; node.end = loc.endOffset; }
    },
    getNodeSourceCodeLocation: (node) => (node instanceof TreeText && node.start >= 0 ? { startOffset: node.start, endOffset: node.end } as Token.ElementLocation : null),
    updateNodeSourceCodeLocation(node, loc) {
      if (node instanceof TreeText && loc.endOffset !== undefined) node.end = loc.endOffset;
    },
  };
  document.parsing = true;
  try {
    parse5(markup, { sourceCodeLocationInfo: true, treeAdapter: adapter });
  } finally {
    document.parsing = false;
  }
  for (const [node, p] of pieces) node.data = p.join('');
  // As in linkedomPage: the document holds the html element only.
  for (const n of document.childNodes) if (!(n instanceof TreeElement)) n.remove();
  const head = document.documentElement?.firstElementChild;
  if (head?.tagName !== 'HEAD' || head.nextElementSibling?.tagName !== 'BODY') return null;
  const texts: TreeText[] = [];
  for (let n: TreeNode | null = document.firstChild; n; n = nextInTree(n, document)) {
    if (n instanceof TreeText) {
      if (flattened) n.data = shrinkBlankRuns(n.data);
      texts.push(n);
    }
  }
  return { document, texts };
}

export type HtmlEngine = 'tree' | 'linkedom' | 'jsdom' | 'jsdom-own-window';

export interface FullDom {
  document: Document;
  /** The page's own text node (in `ParsedHtml.document`) that a text node of this document stands for. */
  original(node: Text): Text | undefined;
}

export interface ParsedHtml {
  document: Document;
  /** Source span of a node in the string that was parsed (same offsets as the raw page). */
  nodeLocation(node: Node): { startOffset: number; endOffset: number } | null;
  /** Nesting beyond the depth limit was flattened. */
  flattened: boolean;
  /** Release the page: call it once done with the document, also when processing fails. */
  close(): void;
  /**
   * For the 'tree' engine: the page parsed again onto linkedom, for what the small tree cannot
   * do (it throws NeedsFullDom), with each text node tied to the tree's own by tree order.
   */
  fullDom?(): FullDom;
}

export { NeedsFullDom };

/**
 * Parse hostile HTML without running or fetching anything, keeping source locations.
 * Engines: 'tree' (default: parse5 straight into the small tree of html-tree.ts, the fastest;
 * linkedom for the pages it cannot hold); 'linkedom' (parse5's tree copied onto linkedom);
 * 'jsdom' (one shared jsdom window, pages as windowless documents); 'jsdom-own-window' (a JSDOM
 * per page, the reference the others are tested against; also the fallback when jsdom's
 * internals move).
 */
export function parseHtml(raw: string, url?: string, opts: { engine?: HtmlEngine; ownWindow?: boolean } = {}): ParsedHtml {
  const engine: HtmlEngine = opts.ownWindow ? 'jsdom-own-window' : opts.engine ?? 'tree';
  let base = 'https://article.invalid/';
  if (url) {
    try {
      const u = new URL(url);
      if (u.protocol === 'http:' || u.protocol === 'https:') base = u.href;
    } catch { /* keep the placeholder */ }
  }
  const flat = flattenDeepNesting(neutralize(raw));
  const onLinkedom = (): ParsedHtml => {
    const { document, location } = linkedomPage(flat.html, flat.flattened);
    return { document, nodeLocation: (n) => location.get(n) ?? null, flattened: flat.flattened, close: () => {} };
  };
  if (engine === 'tree') {
    const page = treePage(flat.html, flat.flattened);
    if (!page) return onLinkedom();
    const fullDom = (): FullDom => {
      const { document, texts } = linkedomPage(flat.html, flat.flattened);
      const original = new Map<Text, Text>();
      // Same parser, same input: the same tree, so the k-th text node is the k-th of both.
      if (texts.length === page.texts.length) texts.forEach((t, k) => original.set(t, page.texts[k] as unknown as Text));
      return { document, original: (t) => original.get(t) };
    };
    return {
      document: page.document as unknown as Document,
      nodeLocation: (n) => (n instanceof TreeText && n.start >= 0 ? { startOffset: n.start, endOffset: n.end } : null),
      flattened: flat.flattened,
      close: () => {},
      fullDom,
    };
  }
  if (engine === 'linkedom') return onLinkedom();
  const fast = engine === 'jsdom' ? internals() : null;
  let parsed: ParsedHtml;
  if (fast) {
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
    const doc = parsed.document;
    const walker = doc.createTreeWalker(doc, 4 /* SHOW_TEXT */);
    for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) t.data = shrinkBlankRuns(t.data);
  }
  return parsed;
}

// A small DOM for one parsed page: the part of the DOM API that Readability 0.6, the block walk
// and the metadata reader use, and nothing else. Written because linkedom (which this replaces
// on the default path) spends most of a page's cleaning time on its own machinery: every node
// registers an event-listener map in a WeakMap, every tagName/className read rebuilds a string,
// every childNodes read a list. Where linkedom's behaviour differs from a browser's, this keeps
// linkedom's, since the cleaner's output was settled on it (test/html-parse.test.ts compares
// the two on whole pages): createElement keeps the case it is given ("DIV" stays "DIV", which
// getElementsByTagName("div") does not find but querySelectorAll("div") does); a new attribute
// goes first in the attribute list; class values are read back as their distinct tokens joined
// by one space, and getAttribute("class") is "" when there is none; an SVG element's className
// is an object. Anything outside this subset (a selector other than a list of tag names,
// innerHTML set to markup, cloneNode) throws NeedsFullDom, and the caller redoes the page on
// linkedom; a page without head and body in their places goes to linkedom from the start.

/** This page needs a DOM feature the small tree does not have: redo it on linkedom. */
export class NeedsFullDom extends Error {}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

export abstract class TreeNode {
  abstract readonly nodeType: number;
  abstract readonly nodeName: string;
  parentNode: TreeParent | null = null;
  nextSibling: TreeNode | null = null;
  previousSibling: TreeNode | null = null;
  constructor(readonly ownerDocument: TreeDocument) {}

  get parentElement(): TreeElement | null {
    const p = this.parentNode;
    return p instanceof TreeElement ? p : null;
  }
  get nextElementSibling(): TreeElement | null { return elementFrom(this.nextSibling, 'nextSibling'); }
  get previousElementSibling(): TreeElement | null { return elementFrom(this.previousSibling, 'previousSibling'); }
  remove(): void {
    this.parentNode?.unlink(this);
  }
  abstract get textContent(): string;
}

/** The first element from `n` on, stepping to `step`. */
function elementFrom(n: TreeNode | null, step: 'nextSibling' | 'previousSibling'): TreeElement | null {
  while (n && !(n instanceof TreeElement)) n = n[step];
  return n;
}

const NO_NODES: readonly TreeNode[] = Object.freeze([]);

abstract class CharacterNode extends TreeNode {
  constructor(doc: TreeDocument, public data: string) { super(doc); }
  // linkedom gives every node these; Readability asks them of text nodes too.
  get childNodes(): readonly TreeNode[] { return NO_NODES; }
  get firstChild(): null { return null; }
  get lastChild(): null { return null; }
  hasChildNodes(): boolean { return false; }
  get textContent(): string { return this.data; }
  set textContent(v: string) { this.data = v; }
  get nodeValue(): string { return this.data; }
}

export class TreeText extends CharacterNode {
  readonly nodeType = TEXT_NODE;
  readonly nodeName = '#text';
  /** Source span in the parsed string (-1: not from the source). */
  start = -1;
  end = -1;
}

export class TreeComment extends CharacterNode {
  readonly nodeType = 8;
  readonly nodeName = '#comment';
}

export abstract class TreeParent extends TreeNode {
  firstChild: TreeNode | null = null;
  lastChild: TreeNode | null = null;
  // Child lists are rebuilt only after a change: the arrays handed out are never changed in
  // place, so a caller holding one keeps a snapshot, as linkedom's lists are.
  private kids: TreeNode[] | null = null;
  private elementKids: TreeElement[] | null = null;

  get childNodes(): TreeNode[] {
    if (!this.kids) {
      const out: TreeNode[] = [];
      for (let n = this.firstChild; n; n = n.nextSibling) out.push(n);
      this.kids = out;
    }
    return this.kids;
  }
  get children(): TreeElement[] {
    if (!this.elementKids) {
      const out: TreeElement[] = [];
      for (let n = this.firstChild; n; n = n.nextSibling) if (n instanceof TreeElement) out.push(n);
      this.elementKids = out;
    }
    return this.elementKids;
  }
  get firstElementChild(): TreeElement | null { return elementFrom(this.firstChild, 'nextSibling'); }
  get lastElementChild(): TreeElement | null { return elementFrom(this.lastChild, 'previousSibling'); }
  get childElementCount(): number { return this.children.length; }
  hasChildNodes(): boolean { return this.firstChild !== null; }

  /** Detach a child (no checks: callers pass their own children). */
  unlink(node: TreeNode): void {
    const { previousSibling: prev, nextSibling: next } = node;
    if (prev) prev.nextSibling = next; else this.firstChild = next;
    if (next) next.previousSibling = prev; else this.lastChild = prev;
    node.parentNode = node.nextSibling = node.previousSibling = null;
    this.kids = this.elementKids = null;
  }

  insertBefore<T extends TreeNode>(node: T, before: TreeNode | null): T {
    if (node === before) return node;
    if ((node as TreeNode) === this) throw new Error('unable to append a node to itself');
    if (node instanceof TreeDocument) throw new NeedsFullDom('document inserted');
    node.remove();
    const prev = before ? before.previousSibling : this.lastChild;
    node.parentNode = this;
    node.previousSibling = prev;
    node.nextSibling = before;
    if (prev) prev.nextSibling = node; else this.firstChild = node;
    if (before) before.previousSibling = node; else this.lastChild = node;
    // While the parser builds the tree (it reads a parent's child list after each text node
    // it adds), an append extends the list instead of dropping it: rebuilding it each time
    // is quadratic in the number of children. Afterwards lists are snapshots, never changed.
    if (before === null && this.kids && this.ownerDocument.parsing) this.kids.push(node);
    else this.kids = null;
    this.elementKids = null;
    return node;
  }
  appendChild<T extends TreeNode>(node: T): T { return this.insertBefore(node, null); }
  removeChild<T extends TreeNode>(node: T): T {
    if (node.parentNode !== this) throw new Error('node is not a child');
    this.unlink(node);
    return node;
  }
  replaceChild<T extends TreeNode>(node: TreeNode, replaced: T): T {
    const next = replaced.nextSibling;
    this.unlink(replaced);
    this.insertBefore(node, next);
    return replaced;
  }
  replaceChildren(): void {
    while (this.firstChild) this.unlink(this.firstChild);
  }

  get textContent(): string {
    const parts: string[] = [];
    collectText(this, parts);
    return parts.join('');
  }

  /** Descendant elements in tree order whose local name is `name` or, upper-cased, is `name` (linkedom's rule). */
  getElementsByTagName(name: string): TreeElement[] {
    const out: TreeElement[] = [];
    for (let el = nextElementInTree(this, this); el; el = nextElementInTree(el, this)) {
      if (el.localName === name || el.tagName === name) out.push(el);
    }
    return out;
  }

  /** Only lists of tag names ("p", "h1,h2"), matched by lower-cased local name, as linkedom's css-select does. */
  querySelectorAll(selectors: string): TreeElement[] {
    const tags = tagList(selectors);
    const out: TreeElement[] = [];
    for (let el = nextElementInTree(this, this); el; el = nextElementInTree(el, this)) {
      if (tags.includes(el.lowerName)) out.push(el);
    }
    return out;
  }
  querySelector(selectors: string): TreeElement | null {
    const tags = tagList(selectors);
    for (let el = nextElementInTree(this, this); el; el = nextElementInTree(el, this)) {
      if (tags.includes(el.lowerName)) return el;
    }
    return null;
  }
}

const TAG_LIST = /^[a-z][a-z0-9]*(?:,[a-z][a-z0-9]*)*$/i;
const tagLists = new Map<string, string[]>();

/** A selector that is a list of tag names, as lower-case names (HTML selectors ignore case). */
function tagList(selectors: string): string[] {
  let tags = tagLists.get(selectors);
  if (!tags) {
    if (!TAG_LIST.test(selectors)) throw new NeedsFullDom(`selector ${selectors}`);
    tags = selectors.toLowerCase().split(',');
    // Readability asks the same few dozen lists on every page.
    if (tagLists.size < 256) tagLists.set(selectors, tags);
  }
  return tags;
}

function collectText(root: TreeParent, parts: string[]): void {
  for (let n = nextInTree(root, root); n; n = nextInTree(n, root)) if (n instanceof TreeText) parts.push(n.data);
}

/** The node after `node` in tree order (pre-order) within `root`, or null. */
export function nextInTree(node: TreeNode, root: TreeNode): TreeNode | null {
  if (node instanceof TreeParent && node.firstChild) return node.firstChild;
  for (let at: TreeNode | null = node; at && at !== root; at = at.parentNode) {
    if (at.nextSibling) return at.nextSibling;
  }
  return null;
}

/** The element after `el` in tree order (pre-order) within `root`, or null. */
export function nextElementInTree(el: TreeNode, root: TreeNode): TreeElement | null {
  let n = nextInTree(el, root);
  while (n && !(n instanceof TreeElement)) n = nextInTree(n, root);
  return n;
}

export class TreeAttr {
  constructor(readonly name: string, public value: string) {}
  cloneNode(): TreeAttr { return new TreeAttr(this.name, this.value); }
}

/** Class tokens as linkedom keeps them: split at whitespace, empty ones dropped, each once. */
function classValue(v: string): string {
  return [...new Set(v.split(/\s+/).filter(Boolean))].join(' ');
}

const EMPTY_STYLE = Object.freeze({ display: '', visibility: '' });

export class TreeElement extends TreeParent {
  readonly nodeType = ELEMENT_NODE;
  readonly tagName: string;
  /** The local name lower-cased: what tag-name selectors compare against. */
  readonly lowerName: string;
  /** Newest first, as linkedom lists them. */
  private attrs: TreeAttr[] = [];
  constructor(doc: TreeDocument, readonly localName: string) {
    super(doc);
    this.tagName = localName.toUpperCase();
    this.lowerName = localName.toLowerCase();
  }
  get nodeName(): string { return this.tagName; }
  get namespaceURI(): string { return 'http://www.w3.org/1999/xhtml'; }

  private attr(name: string): TreeAttr | undefined {
    const attrs = this.attrs;
    for (let i = 0; i < attrs.length; i++) if (attrs[i]!.name === name) return attrs[i];
    return undefined;
  }
  getAttribute(name: string): string | null {
    if (name === 'class') return this.attr('class')?.value ?? '';
    return this.attr(name)?.value ?? null;
  }
  hasAttribute(name: string): boolean { return this.attr(name) !== undefined; }
  setAttribute(name: string, value: unknown): void {
    let v = String(value);
    if (name === 'class') v = classValue(v);
    const a = this.attr(name);
    if (a) a.value = v;
    else this.attrs.unshift(new TreeAttr(name, v));
  }
  removeAttribute(name: string): void {
    const i = this.attrs.findIndex((a) => a.name === name);
    if (i >= 0) this.attrs.splice(i, 1);
  }
  setAttributeNode(attr: TreeAttr): TreeAttr | null {
    const previously = this.attr(attr.name) ?? null;
    if (previously !== attr) {
      if (previously) this.attrs.splice(this.attrs.indexOf(previously), 1);
      if (attr.name === 'class') attr.value = classValue(attr.value);
      this.attrs.unshift(attr);
    }
    return previously;
  }
  get attributes(): TreeAttr[] { return this.attrs.slice(); }
  get id(): string { return this.getAttribute('id') || ''; }
  set id(v: string) { this.setAttribute('id', v); }
  get className(): unknown { return this.getAttribute('class'); }
  set className(v: unknown) { this.setAttribute('class', v); }
  get src(): string | undefined { return this.localName === 'img' ? this.getAttribute('src') || '' : undefined; }
  get srcset(): string | undefined { return this.localName === 'img' ? this.getAttribute('srcset') || '' : undefined; }

  /** display and visibility as linkedom reads them from the style attribute. */
  get style(): { display: string; visibility: string } {
    const css = this.attr('style')?.value;
    if (!css) return EMPTY_STYLE;
    const out = { display: '', visibility: '' };
    for (const rule of css.split(/\s*;\s*/)) {
      const [key, ...rest] = rule.split(':');
      if (rest.length === 0) continue;
      const k = key!.trim();
      const value = rest.join(':').trim();
      if (value && (k === 'display' || k === 'visibility')) out[k] = value;
    }
    return out;
  }

  override get textContent(): string { return super.textContent; }
  override set textContent(text: string) {
    this.replaceChildren();
    if (text != null && text !== '') this.appendChild(new TreeText(this.ownerDocument, String(text)));
  }

  /** The content as markup (not escaped: see serializeChildren). */
  get innerHTML(): string {
    const out: string[] = [];
    serializeChildren(this, out);
    return out.join('');
  }
  set innerHTML(html: string) {
    if (/[<&]/.test(html)) throw new NeedsFullDom('innerHTML set to markup');
    this.textContent = html;
  }
  cloneNode(): never { throw new NeedsFullDom('cloneNode'); }
}

/** An element in the SVG namespace: linkedom gives it an object for className. */
export class TreeSvgElement extends TreeElement {
  private readonly svgClass = { baseVal: '', animVal: '' };
  override get className(): unknown { return this.svgClass; }
  override set className(v: unknown) { this.setAttribute('class', v); }
  override get namespaceURI(): string { return 'http://www.w3.org/2000/svg'; }
  override setAttribute(name: string, value: unknown): void {
    if (name === 'style') this.svgClass.baseVal = this.svgClass.animVal = String(value);
    super.setAttribute(name, value);
  }
}

// Markup without escaping: Readability reads innerHTML only to log it, to keep a copy of the
// body for a retry (whose write hands the page to linkedom) and to look for video URLs.
function serializeChildren(root: TreeParent, out: string[]): void {
  const close = (el: TreeNode) => { if (el instanceof TreeElement) out.push(`</${el.lowerName}>`); };
  let n: TreeNode | null = root.firstChild;
  while (n) {
    if (n instanceof TreeText) out.push(n.data);
    else if (n instanceof TreeComment) out.push(`<!--${n.data}-->`);
    else if (n instanceof TreeElement) {
      out.push(`<${n.lowerName}`);
      for (const a of n.attributes) out.push(` ${a.name}="${a.value}"`);
      out.push('>');
      if (n.firstChild) { n = n.firstChild; continue; }
      close(n);
    }
    while (n && n !== root && !n.nextSibling) {
      n = n.parentNode;
      if (n && n !== root) close(n);
    }
    n = n && n !== root ? n.nextSibling : null;
  }
}

export class TreeDocument extends TreeParent {
  readonly nodeType = 9;
  readonly nodeName = '#document';
  readonly baseURI = null;
  readonly documentURI = null;
  /** The parser is building the tree (see insertBefore). */
  parsing = false;
  constructor() {
    super(undefined as unknown as TreeDocument);
    (this as { ownerDocument: TreeDocument }).ownerDocument = this;
  }
  get documentElement(): TreeElement | null { return this.firstElementChild; }
  // linkedom adds a head or body where the page has none in its place; this tree does not.
  get head(): TreeElement {
    const h = this.documentElement?.firstElementChild;
    if (!h || h.tagName !== 'HEAD') throw new NeedsFullDom('no head');
    return h;
  }
  get body(): TreeElement {
    const b = this.head.nextElementSibling;
    if (!b || b.tagName !== 'BODY') throw new NeedsFullDom('no body');
    return b;
  }
  get title(): string {
    return this.head.getElementsByTagName('title')[0]?.textContent || '';
  }
  createElement(name: string): TreeElement { return new TreeElement(this, name); }
  createElementNS(ns: string, name: string): TreeElement {
    return ns === 'http://www.w3.org/2000/svg' ? new TreeSvgElement(this, name) : new TreeElement(this, name);
  }
  createTextNode(data: string): TreeText { return new TreeText(this, String(data)); }
  createComment(data: string): TreeComment { return new TreeComment(this, String(data)); }
}

import type { Block } from './blocks.js';

/**
 * Split a plain-text scrape into line blocks. Scrapes carry their structure in lines:
 * comment threads, teasers and bylines are whole lines, so lines are the unit; a blank
 * line between two lines marks a paragraph break.
 */
export function textBlocks(raw: string): Block[] {
  const blocks: Block[] = [];
  let lineStart = 0;
  let blank = true;
  const len = raw.length;
  while (lineStart <= len) {
    let lineEnd = raw.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = len;
    let a = lineStart;
    let b = lineEnd;
    while (a < b && /[\s\uFEFF\u200B\u00A0]/.test(raw[a]!)) a++;
    while (b > a && /[\s\u200B\u00A0]/.test(raw[b - 1]!)) b--;
    if (b > a) {
      const text = raw.slice(a, b);
      const offsets = new Int32Array(text.length);
      for (let k = 0; k < text.length; k++) offsets[k] = a + k;
      const mdLinks = text.match(/\[[^\]\n]*\]\([^)\n]*\)/g);
      const linkChars = mdLinks ? mdLinks.reduce((s, l) => s + l.length, 0) : 0;
      blocks.push({
        text, offsets, paraBreak: blank || blocks.length === 0, hint: null, inArticle: true,
        heading: /^#{1,6}\s/.test(text), caption: false,
        linkDensity: text.length ? linkChars / text.length : 0,
      });
      blank = false;
    } else {
      blank = true;
    }
    if (lineEnd >= len) break;
    lineStart = lineEnd + 1;
  }
  return blocks;
}

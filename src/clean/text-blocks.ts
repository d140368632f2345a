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
  // A line's offsets are consecutive raw offsets: every block views one buffer of 0…len-1
  // (one off-heap allocation per page instead of one per line, less for the collector to sweep).
  let ids: Int32Array | null = null;
  while (lineStart <= len) {
    let lineEnd = raw.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = len;
    let a = lineStart;
    let b = lineEnd;
    while (a < b && /[\s\uFEFF\u200B\u00A0]/.test(raw[a]!)) a++;
    while (b > a && /[\s\u200B\u00A0]/.test(raw[b - 1]!)) b--;
    if (b > a) {
      const text = raw.slice(a, b);
      if (!ids) {
        ids = new Int32Array(len);
        for (let k = 0; k < len; k++) ids[k] = k;
      }
      const offsets = ids.subarray(a, b);
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

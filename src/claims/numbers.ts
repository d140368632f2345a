// Numbers in running text, English and Spanish: digits with separators ("90,000", "1.15",
// "1.500" in Spanish), written numbers ("two dozen", "treinta y dos", "a million"), vague
// quantities read as ranges ("tens of thousands" = 10,000–99,999), scale words ("$1.15
// billion", "10 mil", "mil millones"), currency, weight, volume and percent units, bound cues
// ("more than", "al menos", "or more"), ranges ("between 10 and 20") and ranks ("the fourth
// worst of 193 countries"). Numbers that are not figures are dropped here: years, dates and
// other time expressions (the time stage's spans), durations and ages ("24 days",
// "52-year-old", "a 20-year sentence"), clock times, numbers inside names ("COVID-19", "G20",
// "Section 702"), list numbering and phone numbers.
//
// Our own code, not a library: the npm candidates (words-to-numbers and its forks) read
// English only, return values without offsets, pull in fuzzy matching we do not want, and do not
// do Spanish, bounds, units or ranges, so they would cover the smallest part of this job. All
// the words come from domain/claims/ (numbers.json, measures.json).
import type { ClaimLexicon, NumClass } from './lexicon.js';
import { codePointBefore, isLetterOrDigit } from '../util/chars.js';
import { scanLetterRuns } from '../util/word-hash.js';

export type Bound = 'exact' | 'over' | 'under' | 'about' | 'range';

export interface NumExpr {
  /** The whole expression: bound cue … number … unit, rate and trailing bound. */
  start: number;
  end: number;
  /** The number itself (with its scale word). */
  numStart: number;
  numEnd: number;
  value: number;
  valueMax: number | null;
  bound: Bound;
  cls: NumClass;
  /** Unit stated in the text (normalised: USD, MXN, kg, liters, percent, per_100k, rank), or null. */
  unit: string | null;
  rate: string | null;
  written: boolean;
  /** The bound cue, when any (its start is `start`). */
  boundCue: string | null;
  /** Ranks: the size of the ranking ("of 193 countries"). */
  outOf?: number;
}

interface Core { start: number; end: number; value: number; valueMax: number | null; written: boolean; currency: string | null; scaled: boolean; digits: string }

const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWordChar = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c);

/** Parse a digit string with separators: a group of exactly three digits after a separator is thousands, except English ".". */
export function parseDigits(s: string, lang: 'en' | 'es'): number | null {
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return Number(s.replace(/,/g, ''));
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) {
    if (lang === 'en' && /^\d{1,3}\.\d{3}$/.test(s)) return Number(s);
    return Number(s.replace(/\./g, '').replace(',', '.'));
  }
  if (/^\d+([.,]\d+)?$/.test(s)) return Number(s.replace(',', '.'));
  return null;
}

/** Written numbers ("two hundred and five", "tres mil", "a dozen") starting at a word. */
function parseWords(f: string, at: number, lex: ClaimLexicon): { end: number; value: number } | null {
  const kindOf = (w: string) => lex.wordKind.get(w) ?? 'plain';
  const wordAt = (p: number) => {
    const ph = lex.wordP.startingAt(f, p, 24);
    return ph && ph.start === p ? ph : null;
  };
  let pos = at;
  let article = false;
  // An article counts as one only before a hundred, a scale or a group: "a million", "un millón".
  const first = /^[\p{L}]+/u.exec(f.slice(pos));
  if (first && lex.num.article.includes(first[0]) && !lex.words.has(first[0])) {
    const sp = /^\s+/.exec(f.slice(pos + first[0].length));
    if (!sp) return null;
    article = true;
    pos += first[0].length + sp[0].length;
  }
  let total = 0;
  let current = 0;
  let tokens = 0;
  let end = at;
  let last: string | null = null;
  // The largest power of ten dividing n: a plain word may follow only if smaller ("thirty-two", "ciento veinte").
  const place = (n: number) => { let p = 1; while (n > 0 && n % (p * 10) === 0) p *= 10; return p; };
  for (;;) {
    const ph = wordAt(pos);
    if (!ph) break;
    const v = lex.words.get(ph.text)!;
    const kind = kindOf(ph.text);
    if (article && tokens === 0 && kind === 'plain') return null;
    if (kind === 'plain') {
      if (last === 'plain' && !(current > 0 && v < place(current))) break;
      current += v;
    } else if (kind === 'scale') {
      total += (current || 1) * v;
      current = 0;
    } else {
      current = (current || 1) * v;
    }
    tokens++;
    last = kind;
    end = ph.end;
    // A joiner between number words: "hundred and five", "twenty-five", "treinta y dos".
    const gap = /^(\s+|-)/.exec(f.slice(end));
    if (!gap) break;
    let next = end + gap[0].length;
    const j = /^[\p{L}]+(?=\s)/u.exec(f.slice(next));
    if (j && lex.num.joiners.includes(j[0]) && !wordAt(next)) {
      const after = next + j[0].length + (/^\s+/.exec(f.slice(next + j[0].length))?.[0].length ?? 0);
      if (!wordAt(after)) break;
      next = after;
    }
    if (!wordAt(next)) break;
    pos = next;
  }
  if (tokens === 0) return null;
  const value = total + current;
  if (tokens === 1 && !article && value < lex.num.standaloneMin) return null;
  // A bare large scale word is not a number ("by the million"); Spanish "mil" alone is 1000.
  if (tokens === 1 && !article && last === 'scale' && value > 1000) return null;
  return { end, value };
}

/** A number in digits, tried (sticky) at a position where one can start. */
const DIGITS_AT = /(?<![\p{L}\p{N}_@#/])((?:us|mx)?\$\s?)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)(?![\p{N}])/uy;

/** The core numbers of a text (digits, written numbers, vague quantities), before context. */
function cores(f: string, lex: ClaimLexicon): Core[] {
  const out: Core[] = [];
  // DIGITS_AT tried only where a match can start: a digit, "$", or "us$"/"mx$". The
  // global search costs several times more: its look-behind defeats V8's quick scan for a start.
  for (let p = 0; p < f.length; p++) {
    const ch = f.charCodeAt(p);
    if (!((ch >= 48 && ch <= 57) || ch === 36 || ((ch === 117 || ch === 109) && f.charCodeAt(p + 2) === 36))) continue;
    DIGITS_AT.lastIndex = p;
    const m = DIGITS_AT.exec(f);
    if (m === null) continue;
    p = m.index + m[0].length - 1;
    const numStart = m.index + (m[1]?.length ?? 0);
    const digits = m[2]!;
    const value = parseDigits(digits, lex.lang);
    if (value === null) continue;
    const cur = m[1] ? (/^us/.test(m[1]) ? 'USD' : /^mx/.test(m[1]) ? 'MXN' : lex.num.dollarSign) : null;
    out.push({ start: m.index, end: numStart + digits.length, value, valueMax: null, written: false, currency: cur, scaled: false, digits });
  }
  // Vague quantities and written numbers, at word starts: each run of letters not preceded by
  // a letter or digit (/(?<![\p{L}\p{N}])\p{L}+/gu read with a scanner: see util/chars.ts).
  let skipTo = 0;
  const starts = lex.numberStartHashes;
  scanLetterRuns(f, (at, j, h) => {
    if (at < skipTo || !starts.has(h)) return;
    if (at > 0 && isLetterOrDigit(codePointBefore(f, at))) return;
    if (!lex.numberStarts.has(f.slice(at, j))) return;
    const vague = lex.vagueP.startingAt(f, at, 40);
    if (vague && vague.start === at) {
      const range = lex.vague.get(vague.text)!;
      out.push({ start: at, end: vague.end, value: range[0], valueMax: range[1], written: true, currency: null, scaled: false, digits: '' });
      skipTo = vague.end;
      return;
    }
    const p = parseWords(f, at, lex);
    if (p) {
      out.push({ start: at, end: p.end, value: p.value, valueMax: null, written: true, currency: null, scaled: false, digits: '' });
      skipTo = p.end;
    }
  });
  return out.sort((a, b) => a.start - b.start);
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** Numbers that may be figures, with bounds, units and ranges; `blocked` spans (time expressions) are left out. */
export function findNumbers(text: string, f: string, lex: ClaimLexicon, blocked: Array<{ start: number; end: number }>): NumExpr[] {
  const out: NumExpr[] = [];
  const list = cores(f, lex);
  const consumed: Array<[number, number]> = [];
  const taken = (a: number, b: number) => consumed.some(([x, y]) => a < y && b > x);

  // Ranks first: they consume the ranking size ("of 193 countries").
  for (const r of ranks(text, f, lex, list)) {
    out.push(r.expr);
    consumed.push([r.expr.numStart, r.expr.numEnd]);
    if (r.outOfSpan) consumed.push(r.outOfSpan);
  }

  for (const c of list) {
    if (taken(c.start, c.end)) continue;
    const numStart = c.currency ? c.start + (f.slice(c.start).match(/^(?:us|mx)?\$\s?/)?.[0].length ?? 0) : c.start;
    if (blocked.some((b) => numStart < b.end && c.end > b.start)) continue;
    const before = f.slice(Math.max(0, c.start - 3), c.start);
    const after = f.slice(c.end, c.end + 3);
    if (!c.written) {
      // Inside names and codes: "covid-19", "m134", "h2"; clock times "12:42"; "(1)" list items.
      if (/[\p{L}\p{N}][-–]$/u.test(before) && !/\d[-–]$/.test(before)) continue;
      // A calibre or a decimal with no leading digit: ".50 caliber".
      if (f[c.start - 1] === '.' && (c.start < 2 || /\s/.test(f[c.start - 2]!))) continue;
      if (/\d[:.]$/.test(before) && /^\d/.test(f.slice(c.start))) continue;
      if (/^:\d/.test(after)) continue;
      if (/^[-–.]\d{3,}[-–.]\d/.test(after) || /\d{3}[-–.]$/.test(before)) continue; // phone numbers
      if (/\($/.test(before) && /^\)/.test(after) && c.value < 20) continue;
      const lineStart = f.lastIndexOf('\n', c.start - 1) + 1;
      if (/^\s*$/.test(f.slice(lineStart, c.start)) && /^[.)]\s/.test(after)) continue;
      // A year: four digits, no separator, no currency (units are checked below).
      if (!c.currency && /^\d{4}$/.test(c.digits) && c.value >= 1900 && c.value <= 2100) {
        const u = lex.unitP.startingAt(f, c.end, 30);
        const mult = lex.multP.startingAt(f, c.end, 30);
        if (!(u && u.start - c.end <= 1) && !(mult && mult.start - c.end <= 1)) continue;
      }
    }
    if (lex.namesBefore.endingAt(f, c.start)) continue;
    // An age in apposition: "Cienfuegos, 72, was detained".
    if (!c.currency && !c.written && /^\d{1,3}$/.test(c.digits) && c.value < 120 &&
      /\p{Lu}[\p{L}.'’-]*,\s*$/u.test(text.slice(Math.max(0, c.start - 40), c.start)) && /^\s*,/.test(f.slice(c.end, c.end + 3))) continue;
    let end = c.end;
    let value = c.value;
    let valueMax = c.valueMax;
    let scaled = false;
    // Scale word: "1.15 billion", "10 mil", "2,5 millones", "mil millones".
    if (!c.written) {
      // "$1.5-billion package": a hyphen may join the number to its scale word or its unit.
      const hy = f[end] === '-' ? 1 : 0;
      const mult = lex.multP.startingAt(f, end + hy, 30);
      if (mult && (mult.start === end + hy || (!hy && /^\s+$/.test(f.slice(end, mult.start))))) {
        value = round(value * lex.multipliers.get(mult.text)!);
        end = mult.end;
        scaled = true;
        // Mexican style "10 mil 500".
        const rest = /^\s+(\d{1,3})(?![\d.,]\d)/.exec(f.slice(end));
        if (rest && lex.multipliers.get(mult.text) === 1000 && !lex.unitP.startingAt(f, end + rest[0].length, 20)?.text.match(/^%/)) {
          value += Number(rest[1]);
          end += rest[0].length;
        }
      }
    } else if (valueMax !== null) {
      // "miles de millones", "hundreds of millions": a vague quantity of a scale.
      const of = lex.vagueFollow.startingAt(f, end, 10);
      const mult = of ? lex.multP.startingAt(f, of.end, 30) : null;
      if (of && mult && /^\s+$/.test(f.slice(of.end, mult.start))) {
        const k = lex.multipliers.get(mult.text)!;
        value *= k; valueMax *= k; end = mult.end;
      }
    }
    const numEnd = end;
    // A duration or an age is not a figure.
    const tu = lex.timeUnits.startingAt(f, end, 30);
    if (tu && /^[\s-]*$/.test(f.slice(end, tu.start))) continue;
    // Unit: currency/weight/volume/percent words, optionally after "of"/"de".
    let unit: string | null = c.currency;
    let cls: NumClass = c.currency ? 'money' : 'plain';
    // A scale word that is also a currency: "150 mdd" (millones de dólares), "30 mdp".
    const scaleUnit = scaled ? lex.units.get(f.slice(numStart, end).replace(/^[\d.,]+\s*/, '')) : undefined;
    if (scaleUnit?.cls === 'money') { unit = scaleUnit.unit; cls = 'money'; }
    let u = lex.unitP.startingAt(f, end, 40);
    if (!u && f[end] === '-' && /^\p{L}/u.test(f[end + 1] ?? '')) {
      const uh = lex.unitP.startingAt(f, end + 1, 40);
      if (uh && uh.start === end + 1) u = uh; // "a 25-percent tariff", "a 10-ton shipment"
    }
    if (!u || !/^[\s-]*$/.test(f.slice(end, u.start))) {
      const of = lex.vagueFollow.startingAt(f, end, 10);
      const u2 = of ? lex.unitP.startingAt(f, of.end, 40) : null;
      u = u2 && /^\s+$/.test(f.slice(of!.end, u2.start)) && (c.written || scaled) ? u2 : null;
    }
    if (u && !/^[\s-]*$/.test(f.slice(end, u.start)) && !(c.written || scaled)) u = null;
    if (u) {
      const info = lex.units.get(u.text)!;
      if (!(c.currency && info.cls !== 'money')) {
        if (!(c.currency && info.cls === 'money' && info.unit !== unit && u.text === '$')) {
          unit = info.unit;
          cls = info.cls;
          // Converted units keep two decimals (21,000 pounds = 9525.44 kg).
          const r2 = (v: number) => (info.factor === 1 ? round(v) : Math.round(v * info.factor * 100) / 100);
          value = info.factor === 1 ? value : r2(value);
          if (valueMax !== null) valueMax = info.factor === 1 ? valueMax : r2(valueMax);
          end = u.end;
        }
      }
    }
    // A ratio ("1 in 4 homicides", "uno de cada tres") is not a count of its own.
    const ratioTo = !unit && /^\s+(?:in|out of|de cada)\s+\S/u.test(f.slice(end, end + 12))
      ? list.find((x) => x.start > end && x.start - end <= 9 && x.valueMax === null && x.value > value && !blocked.some((b) => x.start < b.end && x.end > b.start))
      : undefined;
    if (ratioTo) {
      consumed.push([c.start, ratioTo.end]);
      continue;
    }
    // Glued letters that are not a unit: "7th", "2x", "5g" (already handled as units when they are).
    if (isWordChar(f[end]) && /\p{L}/u.test(f[end]!)) continue;
    // A hyphenated compound adjective ("a 10-point plan", "15-member team") is not a figure.
    if (/^-\p{L}/u.test(f.slice(end, end + 2))) continue;
    // Rate: "each minute", "al año".
    let rate: string | null = null;
    const r = lex.rateP.startingAt(f, end, 30);
    if (r && /^\s+$/.test(f.slice(end, r.start)) && cls !== 'rate') {
      rate = lex.rates.get(r.text)!;
      end = r.end;
    } else if (cls !== 'rate') {
      // Further on in the clause: "$1 million worth of goods crosses each minute" (not "a year ago": a time expression).
      const clause = /^[^,;:()—–.!?\n]*/u.exec(f.slice(end, end + 80))![0];
      const words = clause.split(/\s+/).slice(0, 8).join(' ');
      const far = lex.rateP.findAll(f, end, end + Math.min(clause.length, words.length + 1))
        .find((x) => !blocked.some((b) => x.start < b.end && x.end > b.start));
      if (far) rate = lex.rates.get(far.text)!;
    }
    // Bound cues: before ("more than", "al menos") and after ("or more").
    let start = c.start;
    let bound: Bound = valueMax !== null ? 'range' : 'exact';
    let boundCue: string | null = null;
    const b = lex.bounds.beforeP.endingAt(f, start, 40);
    if (b && valueMax === null) {
      bound = lex.bounds.before.get(b.text)!;
      boundCue = b.text;
      start = b.start;
    }
    const ba = lex.bounds.afterOver.startingAt(f, end, 20);
    if (ba && /^\s*$/.test(f.slice(end, ba.start)) && bound === 'exact') {
      bound = 'over';
      end = ba.end;
    }
    out.push({ start, end, numStart, numEnd, value, valueMax, bound, cls, unit, rate, written: c.written, boundCue });
    consumed.push([c.start, end]);
  }
  out.sort((a, b) => a.start - b.start);
  return mergeRanges(f, out, lex);
}

/** "between 10 and 20", "10 to 20", "10-20", "entre 10 y 20": one range. "from X to Y" is a change, not a range. */
function mergeRanges(f: string, list: NumExpr[], lex: ClaimLexicon): NumExpr[] {
  const out: NumExpr[] = [];
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    const b = list[i + 1];
    if (b && a.bound !== 'range' && b.bound !== 'range' && a.cls !== 'rank' && b.cls !== 'rank') {
      const gap = f.slice(a.end, b.start);
      const join = lex.bounds.join.startingAt(f, a.end, 12);
      const between = lex.bounds.between.endingAt(f, a.start, 20);
      const from = lex.bounds.from.endingAt(f, a.start, 20);
      const joinWord = join && join.end <= b.start && /^\s*$/.test(f.slice(join.end, b.start)) ? join.text : null;
      const okJoin = joinWord !== null && /^\s*\S+\s*$|^[-–]$/.test(gap);
      const isAnd = joinWord !== null && lex.ctx.others.join.includes(joinWord);
      if (okJoin && ((isAnd && between) || (!isAnd && !from && !between))) {
        const unit = a.unit ?? b.unit;
        const cls = a.unit ? a.cls : b.cls;
        let lo = a.value;
        const rawB = b.value;
        // "between 10 and 20 million": the scale of the second applies to the first.
        if (a.numEnd === a.end && b.numEnd - b.numStart > 0 && lo < rawB / 1000 && !a.unit) {
          const k = rawB / Number(f.slice(b.numStart, b.numEnd).match(/^[\d.,]+/)?.[0]?.replace(/,/g, '') ?? rawB);
          if (Number.isFinite(k) && k > 1) lo = round(lo * k);
        }
        if (rawB > lo) {
          out.push({
            start: between ? between.start : a.start, end: b.end, numStart: a.numStart, numEnd: b.numEnd,
            value: lo, valueMax: rawB, bound: 'range', cls, unit, rate: a.rate ?? b.rate, written: a.written && b.written, boundCue: between?.text ?? null,
          });
          i++;
          continue;
        }
      }
    }
    out.push(a);
  }
  return out;
}

/** The digit-ordinal regex of each suffix list ("4th", "4o"), built once. */
const ordinalDigits = new Map<string, RegExp>();

/** Ranks: "the fourth worst of 193 countries", "ranked 4th", "ocupa el cuarto lugar de 193 países". */
function ranks(text: string, f: string, lex: ClaimLexicon, list: Core[]): Array<{ expr: NumExpr; outOfSpan?: [number, number] }> {
  const out: Array<{ expr: NumExpr; outOfSpan?: [number, number] }> = [];
  const cands: Array<{ start: number; end: number; value: number }> = [];
  for (const o of lex.ordinalP.findAll(f, 0, f.length)) cands.push({ start: o.start, end: o.end, value: lex.ordinals.get(o.text)! });
  const suffixes = lex.num.ordinalSuffixes.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const dig = ordinalDigits.get(suffixes) ?? ordinalDigits.set(suffixes, new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,3})(?:${suffixes})(?![\\p{L}\\p{N}])`, 'gu')).get(suffixes)!;
  dig.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = dig.exec(f)) !== null) cands.push({ start: m.index, end: m.index + m[0].length, value: Number(m[1]) });
  for (const c of list) {
    const nw = lex.rankNumberWords.endingAt(f, c.start, 12);
    if (nw && !c.written && c.valueMax === null) cands.push({ start: nw.start, end: c.end, value: c.value });
  }
  for (const c of cands) {
    // The rest of the sentence after the ordinal: a superlative or place word, then "of N".
    const sentEnd = f.slice(c.end).search(/[.!?](\s|$)|\n/);
    const rest = f.slice(c.end, sentEnd < 0 ? f.length : c.end + sentEnd);
    const afterWord = lex.rankAfter.startingAt(f, c.end, 30);
    let outOf: number | undefined;
    let outOfSpan: [number, number] | undefined;
    let near = false;
    if (afterWord && /^\s+$/.test(f.slice(c.end, afterWord.start))) {
      near = true;
      // "of 193 countries" within the next few words.
      for (let k = 0; k < 4; k++) {
        const lead = new RegExp(`^(?:\\s+[\\p{L}-]+){${k}}\\s+`, 'u').exec(f.slice(afterWord.end));
        if (!lead) break;
        const at = afterWord.end + lead[0].length;
        const of = lex.rankOutOf.startingAt(f, at, 12);
        if (of && of.start === at) {
          const n = list.find((x) => x.start >= of.end && x.start - of.end <= 2 && x.valueMax === null);
          if (n) { outOf = n.value; outOfSpan = [n.start, n.end]; }
          break;
        }
      }
    }
    const lead = f.slice(Math.max(0, c.start - 80), c.start);
    const sentStart = Math.max(lead.lastIndexOf('. '), lead.lastIndexOf('\n'));
    const window = lead.slice(sentStart + 1);
    const verb = lex.rankBefore.findAll(window, 0, window.length).length > 0;
    if (!(outOf !== undefined || (verb && (near || /^\s+(?:place|lugar|puesto|sitio)/u.test(rest))))) continue;
    if (c.value < 1) continue;
    out.push({
      expr: {
        start: c.start, end: c.end, numStart: c.start, numEnd: c.end, value: c.value, valueMax: null, bound: 'exact',
        cls: 'rank', unit: 'rank', rate: null, written: !/\d/.test(text.slice(c.start, c.end)), boundCue: null, outOf,
      },
      outOfSpan,
    });
  }
  return out;
}

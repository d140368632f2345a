// Tokens for Spanish text with coarse part-of-speech guesses. wink-nlp's model is English-only,
// and no Spanish tagger ships in an npm package small enough to run at this speed, so the coder
// marks what the clause rules need: trigger verb forms, auxiliaries of the passive and perfect,
// prepositions, determiners, conjunctions, relative pronouns and negation. Everything else is a
// noun (a proper noun when capitalised).
import type { Token } from '../nlp/analyze.js';
import type { Lexicon } from './lexicon.js';

const AUX = new Set(['fue', 'fueron', 'es', 'son', 'era', 'eran', 'ha', 'han', 'había', 'habían', 'habría', 'habrían', 'sido', 'será', 'serán', 'sería', 'serían', 'está', 'están', 'estaba', 'estaban', 'va', 'van', 'iba', 'iban', 'he', 'hemos', 'hubo']);
const ADP = new Set(['a', 'al', 'ante', 'bajo', 'con', 'contra', 'de', 'del', 'desde', 'durante', 'en', 'entre', 'hacia', 'hasta', 'mediante', 'para', 'por', 'según', 'sin', 'sobre', 'tras']);
const DET = new Set(['el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'este', 'esta', 'estos', 'estas', 'ese', 'esa', 'su', 'sus', 'lo']);
const CCONJ = new Set(['y', 'e', 'o', 'u', 'pero', 'ni']);
const SCONJ = new Set(['porque', 'aunque', 'si', 'cuando', 'mientras', 'pues', 'como']);
const PRON = new Set(['que', 'quien', 'quienes', 'cual', 'cuales', 'él', 'ella', 'ellos', 'ellas', 'se', 'le', 'les']);

// The one-word verb forms of the trigger lexicon, collected once per lexicon.
const verbSets = new WeakMap<Lexicon, Set<string>>();
function verbForms(lex: Lexicon): Set<string> {
  let verbs = verbSets.get(lex);
  if (!verbs) {
    verbs = new Set<string>();
    for (const [form, rows] of lex.forms) if (!form.includes(' ') && rows.some((r) => r.pos === 'verb')) verbs.add(form);
    verbSets.set(lex, verbs);
  }
  return verbs;
}

export function spanishTokens(text: string, lex: Lexicon): Token[] {
  const verbs = verbForms(lex);
  const out: Token[] = [];
  const re = /[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*\.?|\n+|[^\s\p{L}\p{N}]/gu;
  let m: RegExpExecArray | null;
  let sentence = 0;
  while ((m = re.exec(text)) !== null) {
    const w = m[0];
    const lw = w.toLowerCase();
    let pos = 'NOUN';
    if (w.startsWith('\n')) pos = 'SPACE';
    else if (/^[^\p{L}\p{N}]$/u.test(w)) pos = 'PUNCT';
    else if (/^\p{N}/u.test(w)) pos = 'NUM';
    else if (lw === 'no' || lw === 'nunca') pos = 'PART';
    else if (AUX.has(lw)) pos = 'AUX';
    else if (ADP.has(lw)) pos = 'ADP';
    else if (DET.has(lw)) pos = 'DET';
    else if (CCONJ.has(lw)) pos = 'CCONJ';
    else if (SCONJ.has(lw)) pos = 'SCONJ';
    else if (PRON.has(lw)) pos = 'PRON';
    else if (verbs.has(lw)) pos = 'VERB';
    else if (/mente$/.test(lw)) pos = 'ADV';
    else if (/^\p{Lu}/u.test(w)) pos = 'PROPN';
    if (pos === 'PUNCT' && /[.!?]/.test(w)) sentence++;
    out.push({ text: w, start: m.index, end: m.index + w.length, pos, lemma: lw, sentence });
  }
  return out;
}

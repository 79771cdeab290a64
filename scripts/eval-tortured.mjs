#!/usr/bin/env node
// How well unspin restores tortured phrases it was never given. The bundled half of the
// Problematic Paper Screener's list (corpus/sources/tortured-phrases.tsv, as converted into
// corpus/phrases/tortured-phrases.tsv) is split by a hash of the tortured phrase: a fifth is held
// out, the restorer gets the rest as its dictionary, and each held-out phrase is restored
//   alone:   in each of the carrier sentences below, each sentence a document of its own;
//   amid known phrases: in the middle carrier of a three-sentence document whose other two
//            carriers hold tortured phrases of the dictionary (drawn by hash), as in a paper mill's
//            text, where the known phrases are evidence that the document was spun.
// A phrase counts as restored when the output holds the curators' original (case-folded) where
// the tortured phrase stood; the WER columns count word errors over the phrases only. The
// calibration line buckets the context pass's changes (applied or not) by confidence, with the
// share right (see rightInPhrase()): scripts/calibrate.mjs fits on folds 1-4, never on fold 0.
//   npm run build && node scripts/eval-tortured.mjs [--json]
import {createHash} from 'node:crypto'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Restorer} from '../dist/index.js'
import {calibrationLine, editDistance, newBuckets, tally as tallyBucket} from './eval.js'

const root = new URL('../', import.meta.url)
const CARRIERS = [
  'In this paper, we propose a new method based on X for the task.',
  'The results show that X improves the accuracy of the system.',
  'Recent studies of X have been reported in the literature.'
]
/** Rows fall in FOLDS folds by a hash of the tortured phrase; the eval holds out fold 0. */
export const FOLDS = 5
export const HELD_OUT_FOLD = 0

const hash = (text) => createHash('md5').update(text).digest()
const foldOf = (spun) => hash(spun)[0] % FOLDS

/** The bundled list's rows [spun, original, weight, source, context] that say something alone. */
function torturedRows() {
  return readFileSync(new URL('corpus/phrases/tortured-phrases.tsv', root), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split('\t'))
    // context-gated rows and low-confidence ones say little about restoring a phrase by itself
    .filter(([, , weight, , context]) => !context && Number(weight) >= 0.9)
}

/**
 * Runs `use(restorer, test, documents)` with a restorer whose only dictionary is the rows outside
 * fold `fold`, on that fold's rows; `documents(spun)` gives each row's documents (see below).
 */
export function withFoldHeldOut(fold, options, use) {
  const rows = torturedRows()
  const train = rows.filter(([spun]) => foldOf(spun) !== fold)
  const test = rows.filter(([spun]) => foldOf(spun) === fold)
  const folder = mkdtempSync(join(tmpdir(), 'unspin-tortured-'))
  const dictionary = join(folder, 'train.tsv')
  writeFileSync(dictionary, train.map((row) => row.join('\t')).join('\n') + '\n')
  try {
    const restorer = new Restorer({...options, bundledDictionaries: false, dictionaries: [dictionary]})
    const known = (spun, k) => train[hash(`${spun}:${k}`).readUInt32LE(0) % train.length][0]
    /**
     * A held-out phrase's documents: `alone` in each carrier, and `amid` two known phrases in
     * the middle carrier. Each is {text, start, end, head, tail}: the phrase stands at
     * [start, end), between the carrier's `head` and `tail`.
     */
    const documents = (spun) => ({
      alone: CARRIERS.map((carrier) => documentOf([carrier], 0, spun)),
      amid: documentOf(CARRIERS, 1, spun, [known(spun, 0), , known(spun, 2)])
    })
    return use(restorer, test, documents, train.length)
  } finally {
    rmSync(folder, {recursive: true, force: true})
  }
}

/** The document made of `carriers`, the phrase in carrier `at` and the phrases `others` (by index) in the rest. */
function documentOf(carriers, at, spun, others = []) {
  const fill = (k) => carriers[k].replace('X', k === at ? spun : others[k])
  const before = carriers.slice(0, at).map((_, k) => fill(k)).join(' ')
  const [head, tail] = carriers[at].split('X')
  const start = (before ? before.length + 1 : 0) + head.length
  const text = (before ? before + ' ' : '') + head + spun + tail + carriers.slice(at + 1).map((_, k) => ' ' + fill(at + 1 + k)).join('')
  return {text, start, end: start + spun.length, head, tail}
}

export function evalTortured() {
  return withFoldHeldOut(HELD_OUT_FOLD, {}, (restorer, test, documents, train) => {
    const calibration = newBuckets()
    const alone = tally(calibration)
    const amid = tally(calibration)
    for (const [spun, original] of test) {
      const {alone: single, amid: mixed} = documents(spun)
      for (const document of single) alone.add(restorer, document, spun, original)
      amid.add(restorer, mixed, spun, original)
    }
    return {train, heldOut: test.length, alone: alone.result(), amid: amid.result(), calibration}
  })
}

/**
 * A change in a tortured phrase's document is right when it brings the phrase's words nearer to
 * the curators' original; one outside the phrase changed a word nobody spun.
 */
export function rightInPhrase({text, start, end}, change, original) {
  if (change.start.offset < start || change.end.offset > end) return false
  const words = (s) => s.toLowerCase().split(/\s+/).filter(Boolean)
  const phrase = text.slice(start, end)
  const changed = phrase.slice(0, change.start.offset - start) + change.to + phrase.slice(change.end.offset - start)
  return editDistance(words(original), words(changed)) < editDistance(words(original), words(phrase))
}

/** Counts over documents that each hold one held-out phrase; the context pass's changes go to `calibration`. */
function tally(calibration) {
  const counts = {documents: 0, restored: 0, changed: 0, words: 0, errorsBefore: 0, errorsAfter: 0}
  return {
    add(restorer, document, spun, original) {
      const {text, changes} = restorer.restore(document.text)
      for (const change of changes) if (change.pass === 'context') tallyBucket(calibration, change, rightInPhrase(document, change, original))
      const {head, tail} = document
      // the phrase as restored: what stands between its carrier's words (the rest is restored too)
      const match = text.toLowerCase().match(new RegExp(`${escape(head.toLowerCase())}(.*?)${escape(tail.toLowerCase())}`))
      const restored = match ? match[1] : ''
      counts.documents++
      if (restored !== spun.toLowerCase()) counts.changed++
      if (restored === original.toLowerCase()) counts.restored++
      const reference = original.toLowerCase().split(/\s+/)
      counts.words += reference.length
      counts.errorsBefore += editDistance(reference, spun.toLowerCase().split(/\s+/))
      counts.errorsAfter += editDistance(reference, restored.split(/\s+/).filter(Boolean))
    },
    result: () => ({
      ...counts,
      restoredShare: counts.restored / counts.documents,
      changedShare: counts.changed / counts.documents,
      werBefore: counts.errorsBefore / counts.words,
      werAfter: counts.errorsAfter / counts.words
    })
  }
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = evalTortured()
  if (process.argv.includes('--json')) console.log(JSON.stringify(result))
  else {
    const percent = (share) => `${(100 * share).toFixed(1)}%`
    console.log(`Dictionary: ${result.train} rows; held out: ${result.heldOut} phrases.`)
    console.log('| held-out phrases | documents | restored exactly | changed at all | phrase WER before -> after |')
    console.log('| --- | --- | --- | --- | --- |')
    for (const [name, r] of [['alone, one carrier sentence each', result.alone], ['amid two known phrases', result.amid]]) {
      console.log(`| ${name} | ${r.documents} | ${percent(r.restoredShare)} | ${percent(r.changedShare)} | ${r.werBefore.toFixed(4)} -> ${r.werAfter.toFixed(4)} |`)
    }
    console.log(`\nCalibration of the context pass on both (right/count): ${calibrationLine(result.calibration)}`)
  }
}

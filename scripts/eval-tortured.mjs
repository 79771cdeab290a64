#!/usr/bin/env node
// How well unspin restores tortured phrases it was never given. The bundled half of the
// Problematic Paper Screener's list (corpus/sources/tortured-phrases.tsv, as converted into
// corpus/phrases/tortured-phrases.tsv) is split by a hash of the tortured phrase: a fifth is held
// out, the restorer gets the rest as its dictionary, and each held-out phrase is restored inside
// a few carrier sentences of scientific prose. A phrase counts as restored when the output holds
// the curators' original (case-folded) where the tortured phrase stood.
//   npm run build && node scripts/eval-tortured.mjs [--json]
import {createHash} from 'node:crypto'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Restorer} from '../dist/index.js'

const root = new URL('../', import.meta.url)
const CARRIERS = [
  'In this paper, we propose a new method based on X for the task.',
  'The results show that X improves the accuracy of the system.',
  'Recent studies of X have been reported in the literature.'
]
const HELD_OUT_SHARE = 5 // one row in five

const heldOut = (spun) => createHash('md5').update(spun).digest()[0] % HELD_OUT_SHARE === 0

export function evalTortured() {
  const rows = readFileSync(new URL('corpus/phrases/tortured-phrases.tsv', root), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split('\t'))
    // context-gated rows and low-confidence ones say little about restoring a phrase by itself
    .filter(([, , weight, , context]) => !context && Number(weight) >= 0.9)
  const train = rows.filter(([spun]) => !heldOut(spun))
  const test = rows.filter(([spun]) => heldOut(spun))
  const folder = mkdtempSync(join(tmpdir(), 'unspin-tortured-'))
  const dictionary = join(folder, 'train.tsv')
  writeFileSync(dictionary, train.map((row) => row.join('\t')).join('\n') + '\n')
  try {
    const restorer = new Restorer({bundledDictionaries: false, dictionaries: [dictionary]})
    let restored = 0
    let changed = 0
    let total = 0
    for (const [spun, original] of test) {
      for (const carrier of CARRIERS) {
        const [before, after] = carrier.split('X')
        const {text} = restorer.restore(before + spun + after)
        total++
        if (text !== before + spun + after) changed++
        if (text.toLowerCase() === (before + original + after).toLowerCase()) restored++
      }
    }
    return {train: train.length, heldOut: test.length, sentences: total, restored, restoredShare: restored / total, changedShare: changed / total}
  } finally {
    rmSync(folder, {recursive: true, force: true})
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = evalTortured()
  if (process.argv.includes('--json')) console.log(JSON.stringify(result))
  else {
    console.log('| tortured phrases | dictionary rows | held out | sentences | restored exactly | changed at all |')
    console.log('| --- | --- | --- | --- | --- | --- |')
    console.log(`| held-out fifth | ${result.train} | ${result.heldOut} | ${result.sentences} | ${(100 * result.restoredShare).toFixed(1)}% | ${(100 * result.changedShare).toFixed(1)}% |`)
  }
}

#!/usr/bin/env node
// Fits corpus/calibration.json: per pass, Platt scaling of the passes' raw scores into
// probabilities that a change is right, P = 1 / (1 + exp(-(a * logit(score) + b))). The context
// pass gets one fit for all its changes, and one of its own for each kind in KINDS_APART.
// Data: the clean texts of the eval (corpus/examples 000-003, test/fixtures/clean) spun by
// scripts/spin.mjs with seeds 101-104, which the eval (seeds 1-3) does not use; each change
// is judged against the simulator's original. The context pass also learns from a real
// spinner's work: the bundled tortured phrases of folds 1-4 (scripts/eval-tortured.mjs holds out
// fold 0), each fold restored in its carrier documents by a restorer that has the other folds as
// its dictionary. The simulator is easier than real spinners (its substitutions come from a
// thesaurus like the restorer's), so alone it makes the context pass over-confident on them.
//   npm run build && node scripts/calibrate.mjs
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {spin} from './spin.mjs'
import {judgeSynthetic} from './eval.js'
import {FOLDS, HELD_OUT_FOLD, rightInPhrase, withFoldHeldOut} from './eval-tortured.mjs'
import {Restorer} from '../dist/index.js'
import {logit} from '../dist/changes.js'
import {ORIGINS} from '../dist/passes/context.js'

const root = new URL('../', import.meta.url)
const SEEDS = [101, 102, 103, 104]
const MIN_POINTS = 30
/** Weight of the tortured phrases' points, all together, against the simulator's for the same pass. */
const TORTURED_SHARE = 1
/**
 * Kinds of the context pass's originals (ORIGINS) fitted apart: at the same score, the tortured
 * list's thesaurus originals are right far less often than the simulator's, and its dictionary
 * originals more often; one fit for all kinds was under-confident on the simulator's thesaurus
 * originals and over-confident on the tortured list's. Known terms keep the pass's fit: nearly all their points are the tortured list's and
 * right, and no clean text shows how they go wrong (fitted apart, they changed 2.99 words per
 * 1,000 of the eval's clean scientific prose, against 0.19).
 */
const KINDS_APART = ['thesaurus', 'dictionaries']

function cleanTexts() {
  const folder = (path, keep) =>
    readdirSync(new URL(path, root))
      .filter(keep)
      .sort()
      .map((name) => readFileSync(new URL(path + name, root), 'utf8'))
  return [...folder('corpus/examples/', (n) => /^00[0-3]_.*\.txt$/.test(n)), ...folder('test/fixtures/clean/', (n) => n.endsWith('.txt'))]
}

/** Pull towards the identity (a = 1, b = 0), so a pass whose scores barely vary stays sane. */
const RIDGE = 1

/** Penalised log-likelihood of the scaling (a, b). */
function objective(points, a, b) {
  let sum = -(RIDGE / 2) * ((a - 1) ** 2 + b ** 2)
  for (const {x, y, w = 1} of points) {
    const z = a * x + b
    sum += w * (y * z - Math.log1p(Math.exp(z)))
  }
  return sum
}

/** Weighted logistic regression of y on [logit(score), 1]: Newton steps, halved until they improve. */
export function fitPlatt(points) {
  let a = 1
  let b = 0
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = -RIDGE * (a - 1), gb = -RIDGE * b, haa = RIDGE, hab = 0, hbb = RIDGE
    for (const {x, y, w = 1} of points) {
      const p = 1 / (1 + Math.exp(-(a * x + b)))
      const v = w * p * (1 - p)
      ga += w * (y - p) * x
      gb += w * (y - p)
      haa += v * x * x
      hab += v * x
      hbb += v
    }
    const det = haa * hbb - hab * hab
    let da = (hbb * ga - hab * gb) / det
    let db = (haa * gb - hab * ga) / det
    const before = objective(points, a, b)
    while (objective(points, a + da, b + db) < before && Math.abs(da) + Math.abs(db) > 1e-9) {
      da /= 2
      db /= 2
    }
    a += da
    b += db
    if (Math.abs(da) + Math.abs(db) < 1e-7) break
  }
  return {a: Math.round(a * 1000) / 1000, b: Math.round(b * 1000) / 1000}
}

/** The kind of a context change's original: the last one its source names (a merged change names several). */
function kindOf(source) {
  const at = (kind) => source.lastIndexOf(ORIGINS[kind])
  return Object.keys(ORIGINS).reduce((last, kind) => (at(kind) > at(last) ? kind : last))
}

/** The calibration keys a change's point counts for: its pass, and its pass and kind where fitted apart. */
function keysOf(change) {
  if (change.pass !== 'context') return [change.pass]
  const kind = kindOf(change.source)
  return KINDS_APART.includes(kind) ? ['context', `context/${kind}`] : ['context']
}

const restorer = new Restorer({calibration: {}})
// points by calibration key, the simulator's and the tortured list's apart
const simulated = {}
const tortured = {}
const add = (points, change, right) => {
  for (const key of keysOf(change)) (points[key] ??= []).push({x: logit(change.confidence), y: right ? 1 : 0})
}
for (const seed of SEEDS) {
  for (const original of cleanTexts()) {
    const {text, edits} = spin(original, {seed})
    const {changes} = restorer.restore(text)
    judgeSynthetic(text, original, edits, changes, (change, right) => add(simulated, change, right))
  }
}
for (let fold = 0; fold < FOLDS; fold++) {
  if (fold === HELD_OUT_FOLD) continue
  withFoldHeldOut(fold, {calibration: {}}, (restorer, test, documents) => {
    for (const [spun, original] of test) {
      const {alone, amid} = documents(spun)
      for (const document of [...alone, amid]) {
        for (const change of restorer.restore(document.text).changes) {
          if (change.pass === 'context') add(tortured, change, rightInPhrase(document, change, original))
        }
      }
    }
  })
}
// every tortured point weighs the same, so that they weigh as much as the simulated ones in the context pass's fit
const weight = (TORTURED_SHARE * (simulated.context?.length ?? 0)) / (tortured.context?.length ?? 1)

const passes = {}
const count = (list) => ({points: list.length, right: list.filter((p) => p.y).length})
for (const key of [...new Set([...Object.keys(simulated), ...Object.keys(tortured)])].sort()) {
  const fromTortured = tortured[key] ?? []
  const list = [...(simulated[key] ?? []), ...fromTortured.map((p) => ({...p, w: weight}))]
  if (list.length < MIN_POINTS) continue
  passes[key] = {...fitPlatt(list), ...count(list), ...(fromTortured.length ? {tortured: count(fromTortured)} : {})}
  console.error(`${key}: ${JSON.stringify(passes[key])}`)
}
const note = `Fitted by scripts/calibrate.mjs on ${SEEDS.length} simulator seeds (${SEEDS.join(', ')}) of the eval's clean texts; context also on the bundled tortured phrases of folds 1-4, weighted as much as its simulated points in all; context/<kind>: the context pass's changes of that kind alone.`
writeFileSync(new URL('corpus/calibration.json', root), JSON.stringify({note, passes}, null, 2) + '\n')

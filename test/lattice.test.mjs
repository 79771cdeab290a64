// The sentence decoder: its posteriors weigh the document's substitution rate in full.
import test from 'node:test'
import assert from 'node:assert/strict'
import {decode} from '../dist/lattice.js'
import {defaultModel} from '../dist/lang/lm.js'

const model = defaultModel()
const TEMPERATURE = 2

/** The posterior of "have" for "bear" in "we bear been there", at a substitution rate. */
function posteriorAt(rate) {
  const words = ['we', 'bear', 'been', 'there']
  const keeps = words.map((word, i) => ({first: i, last: i, text: '', ids: [model.id(word)], prior: Math.log10(1 - rate), channel: 0, keep: true, rule: ''}))
  const starts = words.map(() => [])
  starts[1].push({first: 1, last: 1, text: 'have', ids: [model.id('have')], prior: Math.log10(rate), channel: -1, keep: false, rule: ''})
  const decision = decode(model, keeps, starts, TEMPERATURE, 0).find((d) => d.option.text === 'have')
  return decision.posterior
}

test('decode: the temperature softens the model, not the prior: ten times the rate is ten times the odds', () => {
  const odds = (p) => p / (1 - p)
  const low = posteriorAt(0.001)
  const high = posteriorAt(0.01)
  // the keep prior moves too (log10 0.999 -> log10 0.99)
  const expected = (0.01 / 0.001) * (0.999 / 0.99)
  assert.ok(Math.abs(odds(high) / odds(low) - expected) < 1e-6 * expected, `${odds(high) / odds(low)} ~ ${expected}`)
})

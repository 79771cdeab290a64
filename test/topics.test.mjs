// Tests for the topic model (src/lang/topics.ts, data corpus/topics/brown.topics).
import test from 'node:test'
import assert from 'node:assert/strict'
import {defaultTopics} from '../dist/lang/topics.js'
import {defaultModel} from '../dist/lang/lm.js'

const model = defaultModel()
const ids = (text) => text.toLowerCase().match(/[a-z'-]+/g).map((word) => model.id(word))
const liftIn = (text) => {
  const lift = defaultTopics().lift(ids(text))
  return (word) => lift(model.id(word))
}

test('loads the 500 Brown documents, once', () => {
  assert.equal(defaultTopics().documents, 500)
  assert.equal(defaultTopics(), defaultTopics())
})

test('words of the subject are likelier than in English at large, others less', () => {
  const baseball = liftIn('The pitcher threw a fast ball in the ninth inning and the batter hit a home run to win the game for the team.')
  const church = liftIn('The minister led the congregation in prayer at the church on Sunday, and the choir sang a hymn.')
  assert.ok(baseball('inning') > 1, `inning in a baseball text: ${baseball('inning')}`)
  assert.ok(church('prayer') > 1, `prayer in a church text: ${church('prayer')}`)
  assert.ok(baseball('prayer') < 0 && church('inning') < 0)
  // a word no 1961 document holds gets the prior alone, as a word these documents lack
  assert.equal(baseball('internet').toFixed(6), baseball('prayer').toFixed(6))
})

test('common words and texts without content words say nothing', () => {
  assert.equal(liftIn('The pitcher threw the ball in the ninth inning.')('the'), 0)
  const none = liftIn('It is what it is.')
  for (const word of ['inning', 'prayer', 'internet']) assert.equal(none(word), 0)
})

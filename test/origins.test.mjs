// Single words' originals searched ahead of time (corpus/origins, made by `npm run build`): the
// table must hold exactly what the search finds, and the pass must restore the same with or
// without it.
import test from 'node:test'
import assert from 'node:assert/strict'
import retextEnglish from 'retext-english'
import retextStringify from 'retext-stringify'
import {unified} from 'unified'
import {WordOrigins, defaultWordOrigins, encodeWordOrigins, searchedAhead} from '../dist/lang/origins.js'
import {defaultModel} from '../dist/lang/lm.js'
import {defaultThesaurus} from '../dist/lang/thesaurus.js'
import {defaultCasing} from '../dist/lang/casing.js'
import {defaultTopics} from '../dist/lang/topics.js'
import {BUNDLED_DICTIONARIES, PhraseDictionary} from '../dist/lang/phrases.js'
import {bundledCalibration} from '../dist/pipeline.js'
import context, {MAX_HOPS, originRanker, originSettings, stepChannel} from '../dist/passes/context.js'

const model = defaultModel()
const thesaurus = defaultThesaurus()

test('the table the build made holds what the thesaurus search finds, word for word', () => {
  const table = defaultWordOrigins()
  assert.ok(table, 'npm run build makes corpus/origins/en-us.origins')
  assert.equal(table.settings, originSettings(thesaurus, model))
  const rank = originRanker(thesaurus, model)
  let withOriginals = 0
  for (let id = 0; id < model.size; id += 97) {
    const word = model.word(id)
    const stored = table.get(id)
    if (!searchedAhead(word)) {
      assert.equal(stored, undefined, `${word} is not searched`)
      continue
    }
    const live = rank([word], thesaurus.scoredOrigins([word], MAX_HOPS, stepChannel))
    assert.deepEqual(stored, {originals: [...live.originals], channels: [...live.channels]}, word)
    if (live.originals.length > 0) withOriginals++
  }
  assert.ok(withOriginals > 200, `${withOriginals} sampled words have originals`)
})

test('a table comes back as it was written; unsearched words have none; a cut one is refused', () => {
  const lists = [{originals: ['have', 'place of business'], channels: [-0.5, -1.25]}, undefined, {originals: [], channels: []}]
  const bytes = encodeWordOrigins(lists, 'test settings')
  assert.throws(() => new WordOrigins(bytes.subarray(0, bytes.length - 8)), /cut short/)
  const table = new WordOrigins(bytes)
  assert.equal(table.settings, 'test settings')
  assert.deepEqual(table.get(0), lists[0])
  assert.equal(table.get(1), undefined)
  assert.deepEqual(table.get(2), lists[2])
  assert.equal(table.get(3), undefined)
})

/** Restores `text` with the context pass alone, given a table (or none). */
function contextOnly(text, wordOrigins) {
  const options = {
    model,
    thesaurus,
    casing: defaultCasing(),
    dictionary: PhraseDictionary.load(BUNDLED_DICTIONARIES),
    topics: defaultTopics(),
    wordOrigins,
    policy: {minConfidence: 0.6, calibration: bundledCalibration()}
  }
  const file = unified().use(retextEnglish).use(context, options).use(retextStringify).processSync(text)
  return {text: String(file), changes: file.messages.map((m) => `${m.actual} -> ${m.expected} ${m.confidence}`)}
}

test('the context pass restores the same with the table, without it, and with a table of other settings', () => {
  const spun = 'The Metropolis Council says it will bear no part in the plan. The mayor said the residence of job will gift the files to federal brokers.'
  const live = contextOnly(spun, undefined)
  assert.ok(live.changes.length > 0)
  assert.deepEqual(contextOnly(spun, defaultWordOrigins()), live)
  // a table built by other code is not used: here it would offer "xylophone" for every word
  const other = Array.from({length: model.size}, () => ({originals: ['xylophone'], channels: [0]}))
  assert.deepEqual(contextOnly(spun, new WordOrigins(encodeWordOrigins(other, 'other settings'))), live)
})

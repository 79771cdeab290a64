// Key tables (src/lang/keys.ts): the language model's and the casing model's, filled at load or
// taken as `npm run build` saved them (corpus/keys); either way every key is found where it is.
import test from 'node:test'
import assert from 'node:assert/strict'
import {KeyIndex, keyEnd} from '../dist/lang/keys.js'
import {NgramModel, defaultModel} from '../dist/lang/lm.js'
import {CasingModel, defaultCasing} from '../dist/lang/casing.js'
import {dataPath} from '../dist/lang/data.js'

/** A KeyIndex over the lines of `text`, each line's value its number. */
function indexOf(bytes) {
  const index = new KeyIndex(bytes, 8)
  for (let start = 0, line = 0; start < bytes.length; line++) {
    const end = keyEnd(bytes, start)
    index.add(start, end, line)
    start = bytes.indexOf(0x0a, start) + 1 || bytes.length
  }
  return index
}

test('a saved table finds what the filled one finds, over the same bytes only; a cut one is refused', () => {
  const bytes = Buffer.from('chicago\tChicago\ncounty\tcounty\nnaïve\tnaive\n')
  const filled = indexOf(bytes)
  const saved = KeyIndex.saved(bytes, filled.save(), 'test.keys')
  assert.ok(saved.fromBuild && !filled.fromBuild)
  assert.equal(saved.size, 3)
  for (const key of ['chicago', 'county', 'naïve', 'ice']) {
    const slot = filled.find(key)
    assert.equal(saved.find(key), slot, key)
    if (slot >= 0) assert.equal(saved.value(slot), filled.value(slot), key)
  }
  // the same length, other bytes: made over another file, not used
  assert.equal(KeyIndex.saved(Buffer.from('chicago\tChicago\ncounty\tCounty\nnaïve\tnaive\n'), filled.save(), 'test.keys'), undefined)
  const table = filled.save()
  assert.throws(() => KeyIndex.saved(bytes, table.subarray(0, table.length - 4), 'test.keys'), /test\.keys: key table cut short.*npm run build/)
  assert.throws(() => KeyIndex.saved(bytes, Buffer.from('not a table at all, no, not at all'), 'test.keys'), /not an unspin key table/)
})

test('the models take the tables the build saved, and find every word as the filled tables do', () => {
  const model = defaultModel()
  const filled = NgramModel.load(dataPath('lm'))
  assert.ok(model.keysFromBuild, 'npm run build saves corpus/keys/en-us.lm.keys')
  assert.ok(!filled.keysFromBuild)
  for (let id = 0; id < model.size; id++) {
    const word = filled.word(id)
    assert.equal(model.word(id), word)
    if (model.id(word) !== id) assert.equal(model.id(word), filled.id(word), word)
  }
  const casing = defaultCasing()
  const casingFilled = CasingModel.load(dataPath('casing'))
  assert.ok(casing.keysFromBuild, 'npm run build saves corpus/keys/en.casing.keys')
  for (let id = 0; id < model.size; id += 7) {
    const word = model.word(id)
    assert.deepEqual(casing.preferred(word), casingFilled.preferred(word), word)
    assert.equal(casing.isKnown(word), casingFilled.isKnown(word), word)
  }
  assert.deepEqual(casing.name('white', 'house', false), casingFilled.name('white', 'house', false))
})

// Unit tests of TermReader (src/lang/terms.ts): which known terms a span reads back to, word by
// word, over the bundled thesaurus and a made-up dictionary.
import test from 'node:test'
import assert from 'node:assert/strict'
import {TermReader} from '../dist/lang/terms.js'
import {PhraseDictionary, parseRow} from '../dist/lang/phrases.js'
import {defaultThesaurus} from '../dist/lang/thesaurus.js'
import {stepChannel} from '../dist/passes/context.js'

const dictionary = new PhraseDictionary()
// the second row's curators wrote the singular: word by word, "layers" stands for "layer" there
for (const row of ['huge information\tbig data', 'concealed layers\thidden layer', 'conveyance of\tdelivery of', 'lung malignancy\tlung cancer']) {
  dictionary.add(parseRow(row, 'test', 'test'))
}
const thesaurus = defaultThesaurus()
const reader = new TermReader(dictionary, thesaurus, (word) => ['of', 'for'].includes(word), stepChannel)
const terms = (span) => reader.readBack(span.split(' ')).map((reading) => reading.term)

test('a span reads back to a known term through the rows\' word substitutions and one-hop synonyms', () => {
  // "huge" -> "big" and "information" -> "data" are the rows' own, at their whole share
  assert.deepEqual(reader.readBack(['huge', 'information']), [{term: 'big data', channel: 0, prior: 0}])
  // "obscure" is a synonym of "hidden": the channel is one step from "hidden"
  assert.ok(thesaurus.synonyms('hidden').includes('obscure'))
  assert.deepEqual(reader.readBack(['obscure', 'layer']), [{term: 'hidden layer', channel: stepChannel(thesaurus.fanout('hidden')), prior: 0}])
  // a term as written is no reading of itself
  assert.deepEqual(terms('big data'), [])
})

test('a word the rows write for others (a spinner\'s word) adds its prior to the channel where the rows read it back', () => {
  const spinnerWord = (word) => (word === 'huge' ? 1.5 : 0)
  const withPrior = new TermReader(dictionary, thesaurus, (word) => ['of', 'for'].includes(word), stepChannel, spinnerWord)
  assert.deepEqual(withPrior.readBack(['huge', 'information']), [{term: 'big data', channel: 1.5, prior: 1.5}])
  // read back through a synonym, not the rows: no prior
  assert.deepEqual(withPrior.readBack(['obscure', 'layer']), reader.readBack(['obscure', 'layer']))
})

test('what a span does not read back to: another length, a plural\'s singular, a common word swapped, two hops', () => {
  assert.deepEqual(terms('huge information sets'), [])
  assert.ok(dictionary.substitutionsOf('layers').some((s) => s.original === 'layer'))
  assert.deepEqual(terms('hidden layers'), [], 'a plural is not a spin of its singular')
  assert.deepEqual(terms('conveyance for'), [], '"for" is only ever kept')
  // "tumour" is two hops from "cancer" (through "malignant neoplasm"): clean text says so too
  assert.ok(!thesaurus.synonyms('cancer').includes('tumour'))
  assert.deepEqual(terms('lung tumour'), [])
})

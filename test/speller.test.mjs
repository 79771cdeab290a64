// The spelling dictionary (src/lang/speller.ts, data corpus/speller/en-us.words): the same answers
// as nspell with dictionary-en, which it replaces at run time.
import test from 'node:test'
import assert from 'node:assert/strict'
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import nspell from 'nspell'
import {Speller, defaultSpeller} from '../dist/lang/speller.js'
import {ROOT} from './support/spawn.mjs'

const dictionary = import.meta.resolve('dictionary-en')
const reference = nspell({aff: readFileSync(new URL('index.aff', dictionary)), dic: readFileSync(new URL('index.dic', dictionary))})

/** Words of the bundled examples as written, in other cases, with typos and curly apostrophes. */
function sample() {
  const dir = join(ROOT, 'corpus', 'examples')
  const text = readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8')).join(' ')
  const words = new Set(text.split(/[\s,.;:!?()"“”]+/).filter(Boolean))
  for (const word of [...words]) {
    words.add(word.toUpperCase()).add(word.toLowerCase()).add(word.replace(/'/g, '’'))
    words.add(word.slice(1)).add(word + 's').add(` ${word} `)
  }
  for (const word of ['21st', '11th', '1th', '112TH', '13rd', 'x22nd', '0', "O'Brien", 'DON’T', 'café', 'constructor', '__proto__', '', ' ']) words.add(word)
  return [...words]
}

test('the same answers as nspell with dictionary-en', () => {
  const words = sample()
  assert.ok(words.length > 5000, `words: ${words.length}`)
  const speller = defaultSpeller()
  const wrong = words.filter((word) => speller.correct(word) !== reference.correct(word))
  assert.deepEqual(wrong, [])
  assert.equal(defaultSpeller(), speller)
})

test('a file that is no word list is refused', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'unspin-speller-'))
  try {
    const path = join(scratch, 'words')
    writeFileSync(path, 'hello\nworld\n')
    assert.throws(() => Speller.load(path), /not an unspin word list/)
    writeFileSync(path, '#unspin-words 1\n@nonsense\n@words\na\n')
    assert.throws(() => Speller.load(path), /unknown line/)
  } finally {
    rmSync(scratch, {recursive: true, force: true})
  }
})

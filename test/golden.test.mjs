// Golden tests of the phrase pass with the bundled tortured phrases: for each
// test/fixtures/golden/NAME.input.txt, restore(text, {passes: ['phrases']}) must give
// NAME.expected.txt exactly. To accept new behaviour, regenerate the expectations with
//   UPDATE=1 node --test test/golden.test.mjs
// and review the diff; never edit an expectation by hand to make it pass.
import test from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {Restorer} from '../dist/index.js'

const DIR = fileURLToPath(new URL('./fixtures/golden/', import.meta.url))
const UPDATE = process.env.UPDATE === '1'
const names = readdirSync(DIR)
  .filter((file) => file.endsWith('.input.txt'))
  .map((file) => file.slice(0, -'.input.txt'.length))
  .sort()
const restorer = new Restorer({passes: ['phrases']})

test('golden fixtures exist, each input with its expectation', () => {
  assert.ok(names.length >= 3, `inputs in ${DIR}`)
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.expected.txt'))) {
    assert.ok(names.includes(file.slice(0, -'.expected.txt'.length)), `${file} has no input`)
  }
})

for (const name of names) {
  test(`golden: ${name}`, () => {
    const input = readFileSync(join(DIR, `${name}.input.txt`), 'utf8')
    const expectedPath = join(DIR, `${name}.expected.txt`)
    const {text} = restorer.restore(input)
    if (UPDATE) {
      writeFileSync(expectedPath, text)
      return
    }
    assert.ok(existsSync(expectedPath), `${expectedPath} is missing: run UPDATE=1 node --test test/golden.test.mjs`)
    assert.equal(text, readFileSync(expectedPath, 'utf8'))
  })
}

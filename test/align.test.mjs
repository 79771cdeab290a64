// Tests of `unspin align` (src/align.ts, src/commands.ts): substitutions between a text and its
// spun copy, written as phrase-dictionary rows that --dict loads. The library is tested
// directly; the command through runAlign (a small driver) and through the real binary.
import test, {after} from 'node:test'
import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {alignKeys, alignRows, alignTexts, alignTokens, alignWeight} from '../dist/align.js'
import {PhraseDictionary} from '../dist/index.js'
import {parseRow} from '../dist/lang/phrases.js'
import {asText, BIN, ROOT, runNode} from './support/spawn.mjs'

const COMMANDS = pathToFileURL(join(ROOT, 'dist', 'commands.js')).href

const scratch = mkdtempSync(join(tmpdir(), 'unspin-align-'))
after(() => rmSync(scratch, {recursive: true, force: true}))
let files = 0
function file(content, name = `file-${++files}.txt`) {
  const path = join(scratch, name)
  writeFileSync(path, content)
  return path
}

/** runAlign(args) in a child process, without the CLI's dispatch. */
const spawnNode = (args, {timeout = 120_000, ...rest} = {}) => runNode(args, {timeout, ...rest}).then(asText)
const runAlign = (args) =>
  spawnNode(['--input-type=module', '-e', `const {runAlign} = await import(${JSON.stringify(COMMANDS)}); process.exitCode = await runAlign(process.argv.slice(1))`, '--', ...args])
const unspin = (args, options) => spawnNode([BIN, ...args], options)

const rowsOf = (text) => text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).map((line) => line.split('\t'))

const ORIGINAL = `The office of the mayor said the budget was good.

The office is open on Sunday, and the city council met in the office.
`
const SPUN = `The Residence of job of the Mayor stated the budget was excellent.

The residence of job is open on Sunday, and the metropolis council met in the Residence of Job.
`

test('align extracts a known substitution, counted, spun -> original, lowercase', () => {
  const {pairs, stats} = alignTexts(ORIGINAL, SPUN)
  const office = pairs.find((pair) => pair.original === 'office')
  assert.deepEqual(office, {spun: 'residence of job', original: 'office', count: 3})
  assert.deepEqual(pairs[0], office, 'most frequent first')
  assert.ok(pairs.some((pair) => pair.spun === 'metropolis' && pair.original === 'city' && pair.count === 1))
  assert.ok(pairs.some((pair) => pair.spun === 'stated' && pair.original === 'said'))
  assert.ok(pairs.some((pair) => pair.spun === 'excellent' && pair.original === 'good'))
  assert.equal(pairs.length, 4)
  assert.equal(stats.pairs, 6)
})

test('a phrase substituted for a word stays one run, even with a shared function word nearby', () => {
  const {pairs} = alignTexts('the head of office left', 'the head of place of business left')
  assert.deepEqual(pairs, [{spun: 'place of business', original: 'office', count: 1}])
})

test('pairs that differ only in case or punctuation are skipped', () => {
  const {pairs} = alignTexts('The e-mail from Office, said: "yes".', 'the email from OFFICE said "Yes."')
  assert.deepEqual(pairs, [])
  const {pairs: identical} = alignTexts(ORIGINAL, ORIGINAL)
  assert.deepEqual(identical, [])
})

test('runs across punctuation or line breaks, and pure insertions, are left out', () => {
  const {pairs, stats} = alignTexts('one two. three four\nfive six', 'one deux. trois quatre\ncinq six')
  assert.deepEqual(pairs, [{spun: 'deux', original: 'two', count: 1}])
  assert.equal(stats.skipped.lineBreak, 1)
  const punctuation = alignTexts('one two; three', 'one deux, three')
  assert.deepEqual(punctuation.pairs, [])
  assert.equal(punctuation.stats.skipped.punctuation, 1)
  const inserted = alignTexts('a big dog', 'a very big dog')
  assert.deepEqual(inserted.pairs, [])
  assert.equal(inserted.stats.skipped.insertion, 1)
  assert.deepEqual(alignTexts('one two three', 'one six seven eight nine ten eleven twelve three').pairs, [], 'too long')
})

test('tokens keep their spans; keys are case-folded without punctuation', () => {
  const tokens = alignTokens('The Sun-Times’ “news”, ok')
  assert.deepEqual(tokens.map((t) => t.text), ['The', 'Sun-Times', '’', '“', 'news', '”,', 'ok'])
  assert.equal(tokens[1].key, 'suntimes')
  assert.equal('The Sun-Times’ “news”, ok'.slice(tokens[4].start, tokens[4].end), 'news')
})

test('long texts align through unique anchors, repetitive ones by cutting', {timeout: 60_000}, () => {
  for (const period of [Infinity, 700]) {
    const words = Array.from({length: 4000}, (_, i) => `w${i % period}`)
    const spun = [...words]
    spun[1000] = 'changed'
    spun.splice(3000, 1, 'two', 'words')
    const matches = alignKeys(words, spun)
    assert.ok(matches.length >= words.length - 4, `${matches.length} matches`)
    if (period === Infinity) {
      assert.equal(matches.length, words.length - 2)
      assert.ok(!matches.some(([i]) => i === 1000 || i === 3000))
    }
    for (let k = 1; k < matches.length; k++) assert.ok(matches[k][0] > matches[k - 1][0] && matches[k][1] > matches[k - 1][1])
  }
})

test('rows round-trip through parseRow and load with PhraseDictionary', () => {
  const {pairs} = alignTexts(ORIGINAL, SPUN)
  const rows = alignRows(pairs, '/some/where/spun.txt')
  for (const [k, row] of rows.entries()) {
    const [spun, original, weight, source] = row.split('\t')
    const entry = parseRow(row, `row ${k}`, 'fallback')
    assert.deepEqual(entry.words, spun.split(' '))
    assert.equal(entry.original, original)
    assert.equal(entry.weight, Number(weight))
    assert.equal(entry.source, source)
    assert.ok(entry.weight > 0 && entry.weight <= 1)
  }
  assert.equal(rows[0], 'residence of job\toffice\t0.75\talign:spun.txt, 3 times')
  assert.equal(alignWeight(1), 0.5)
  assert.equal(alignWeight(1000), 0.95)
  const path = file(rows.join('\n') + '\n', 'rows.tsv')
  const dictionary = PhraseDictionary.load([path])
  assert.equal(dictionary.size, pairs.length)
  assert.equal(dictionary.startingWith('residence')[0].original, 'office')
})

test('runAlign: --out writes a dictionary that --dict loads; errors name the file', async () => {
  const original = file(ORIGINAL)
  const spun = file(SPUN)
  const out = join(scratch, 'pairs.tsv')
  const done = await runAlign([original, spun, '--out', out])
  assert.equal(done.code, 0, done.stderr)
  assert.equal(done.stdout, '')
  assert.match(done.stderr, /unspin align: .*4 pairs/)
  const rows = rowsOf(readFileSync(out, 'utf8'))
  assert.deepEqual(rows[0], ['residence of job', 'office', '0.75', `align:${spun.split('/').at(-1)}, 3 times`])
  assert.equal(PhraseDictionary.load([out]).size, 4)

  const printed = await runAlign([original, spun, '-q', '--min-count', '2'])
  assert.equal(printed.code, 0)
  assert.equal(printed.stderr, '')
  assert.deepEqual(rowsOf(printed.stdout), [rows[0]])

  const missing = join(scratch, 'missing.txt')
  const failed = await runAlign([original, missing, '--out', join(scratch, 'never.tsv')])
  assert.equal(failed.code, 1)
  assert.equal(failed.stderr, `unspin: ${missing}: no such file or folder\n`)
  assert.ok(!existsSync(join(scratch, 'never.tsv')))

  const binary = file(Buffer.from([0x61, 0x00, 0x62]))
  const bad = await runAlign([binary, spun])
  assert.equal(bad.code, 1)
  assert.match(bad.stderr, new RegExp(`^unspin: ${binary}: binary file`))

  assert.equal((await runAlign([original])).code, 2)
  assert.equal((await runAlign([original, spun, '--bogus'])).code, 2)
  assert.equal((await runAlign([original, spun, '--out', original])).code, 2)
  const help = await runAlign(['--help'])
  assert.equal(help.code, 0)
  assert.match(help.stdout, /ORIGINAL SPUN/)
})

// These go through bin/unspin.js, so they need src/cli.ts to dispatch `unspin align` to runAlign.
test('unspin align (binary): pairs to a file, then restored with --dict', async () => {
  const original = file(ORIGINAL)
  const spun = file(SPUN)
  const out = join(scratch, 'bin-pairs.tsv')
  const done = await unspin(['align', original, spun, '--out', out])
  assert.equal(done.code, 0, done.stderr)
  assert.equal(rowsOf(readFileSync(out, 'utf8'))[0][0], 'residence of job')
  const restored = await unspin(['--passes', 'phrases', '--dict', out], {input: 'The Residence of job is closed.\n'})
  assert.equal(restored.code, 0, restored.stderr)
  assert.equal(restored.stdout, 'The Office is closed.\n')

  const stdout = await unspin(['align', original, spun, '-q'])
  assert.equal(stdout.code, 0)
  assert.equal(rowsOf(stdout.stdout).length, 4)

  const missing = join(scratch, 'nope.txt')
  const failed = await unspin(['align', missing, spun])
  assert.equal(failed.code, 1)
  assert.match(failed.stderr, new RegExp(`${missing}: no such file or folder`))
})

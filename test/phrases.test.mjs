// Unit tests of the phrase pass through the library: restore(text, {passes: ['phrases']}) with
// small made-up dictionaries (written to a temporary folder) and the bundled tortured phrases.
// `calibration: {}` keeps the dictionary weights as the confidences, so thresholds are exact.
import test, {after} from 'node:test'
import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {basename, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {DictionaryError, restore} from '../dist/index.js'
import {parseRow, PhraseDictionary} from '../dist/lang/phrases.js'

const BUNDLED = fileURLToPath(new URL('../corpus/phrases/tortured-phrases.tsv', import.meta.url))
const scratch = mkdtempSync(join(tmpdir(), 'unspin-phrases-'))
after(() => rmSync(scratch, {recursive: true, force: true}))

let dictionaries = 0
function dictionary(text) {
  const path = join(scratch, `dict-${++dictionaries}.tsv`)
  writeFileSync(path, text)
  return path
}

const MADE_UP = dictionary(
  [
    '# spun\toriginal\tweight\tsource\tcontext',
    'blorp\tone',
    'blorp quux\ttwo words',
    'blorp quux zing\tthree in all',
    'alpha beta\tgamma',
    'nasa thing\tNASA program',
    'zorp\tneeded\t0.9\tgated list\t+needle',
    'florp\tunwanted\t0.9\tgated list\t-forbidden',
    'weak phrase\tstrong phrase\t0.5\tweak list',
    'sure phrase\tcertain phrase\t0.95\tsure list',
    ''
  ].join('\n')
)

function phrases(text, options = {}) {
  return restore(text, {passes: ['phrases'], dictionaries: [MADE_UP], calibration: {}, ...options})
}
const summary = (result) => result.changes.map((c) => [c.from, c.to, c.applied])

test('the longest entry matches first; matching goes on after it', () => {
  const result = phrases('A blorp quux zing, a blorp quux and a blorp. Then blorp blorp quux.')
  assert.equal(result.text, 'A three in all, a two words and a one. Then one two words.')
  assert.deepEqual(summary(result), [
    ['blorp quux zing', 'three in all', true],
    ['blorp quux', 'two words', true],
    ['blorp', 'one', true],
    ['blorp', 'one', true],
    ['blorp quux', 'two words', true]
  ])
  assert.ok(result.changes.every((c) => c.pass === 'phrases'))
})

test('matching ignores case; the replacement takes the casing of what it replaces', () => {
  const cases = [
    ['blorp quux zing', 'three in all'],
    ['Blorp quux zing', 'Three in all'],
    ['Blorp Quux Zing', 'Three In All'],
    ['BLORP QUUX ZING', 'THREE IN ALL'],
    ['bLoRp qUuX zInG', 'three in all'],
    ['Blorp', 'One'],
    ['BLORP', 'ONE'],
    // Capitals of the original's own (an acronym) are kept.
    ['nasa thing', 'NASA program'],
    ['Nasa Thing', 'NASA Program'],
    ['NASA THING', 'NASA PROGRAM']
  ]
  for (const [from, to] of cases) {
    const result = phrases(`It said ${from} today.`)
    assert.equal(result.text, `It said ${to} today.`, from)
    assert.deepEqual(summary(result), [[from, to, true]], from)
  }
})

test('matches never cross punctuation, hyphens or line breaks; plain spaces are fine', () => {
  const blocked = ['alpha, beta', 'alpha; beta', 'alpha-beta', 'alpha (beta)', 'alpha. Beta', 'alpha\nbeta', 'alpha\r\nbeta', 'alpha\u2019 beta']
  for (const words of blocked) {
    const text = `See ${words} here.`
    const result = phrases(text)
    assert.equal(result.text, text, JSON.stringify(words))
    assert.deepEqual(result.changes, [], JSON.stringify(words))
  }
  for (const [words, to] of [['alpha  beta', 'gamma'], ['alpha\tbeta', 'gamma'], ['alpha\u00A0beta', 'gamma']]) {
    const result = phrases(`See ${words} here.`)
    assert.equal(result.text, `See ${to} here.`, JSON.stringify(words))
    assert.equal(result.changes[0].from, words)
  }
})

test('context clauses: +phrase needs the phrase in the document, -phrase forbids it', () => {
  assert.equal(phrases('The zorp is here.').text, 'The zorp is here.')
  assert.deepEqual(phrases('The zorp is here.').changes, [], 'an entry whose context fails is not even proposed')
  assert.equal(phrases('The zorp is here, by the needle.').text, 'The needed is here, by the needle.')
  assert.equal(phrases('The zorp is here. A NEEDLE, far away.').text, 'The needed is here. A NEEDLE, far away.', 'in another sentence, any case')

  assert.equal(phrases('The florp is here.').text, 'The unwanted is here.')
  assert.equal(phrases('The florp is forbidden.').text, 'The florp is forbidden.')
  assert.deepEqual(phrases('The florp is Forbidden.').changes, [])
})

// A text up to MAX_CHUNK_CHARS is one chunk, so a clause is met anywhere in it, in any paragraph.
test('context clauses see the whole document, across paragraphs', () => {
  assert.equal(phrases('The zorp is here.\n\nA needle, far away.').text, 'The needed is here.\n\nA needle, far away.')
  assert.equal(phrases('A needle.\n\nThe zorp is here.').text, 'A needle.\n\nThe needed is here.')
  assert.equal(phrases('The florp is here.\n\nIt is forbidden.').text, 'The florp is here.\n\nIt is forbidden.')
})

test('an entry weighing less than minConfidence is reported, not applied', () => {
  const text = 'A weak phrase and a sure phrase and a blorp.'
  const byDefault = phrases(text) // minConfidence 0.6
  assert.equal(byDefault.text, 'A weak phrase and a certain phrase and a one.')
  assert.deepEqual(
    byDefault.changes.map((c) => [c.from, c.confidence, c.applied, c.source]),
    [
      ['weak phrase', 0.5, false, 'weak list'],
      ['sure phrase', 0.95, true, 'sure list'],
      ['blorp', 0.9, true, basename(MADE_UP)]
    ]
  )
  assert.equal(phrases(text, {minConfidence: 0.5}).text, 'A strong phrase and a certain phrase and a one.', 'at the threshold: applied')
  assert.equal(phrases(text, {minConfidence: 0.9}).text, 'A weak phrase and a certain phrase and a one.')
  const none = phrases(text, {minConfidence: 1})
  assert.equal(none.text, text)
  assert.deepEqual(none.changes.map((c) => c.applied), [false, false, false])
})

test('a change records the pass, the rule, the span and where the entry comes from', () => {
  const [change] = phrases('Line one.\nSay blorp quux now.').changes
  assert.equal(change.pass, 'phrases')
  assert.match(change.rule, /blorp.quux/)
  assert.equal(change.from, 'blorp quux')
  assert.equal(change.to, 'two words')
  assert.deepEqual(change.start, {line: 2, column: 5, offset: 14})
  assert.deepEqual(change.end, {line: 2, column: 15, offset: 24})
  assert.equal(change.confidence, 0.9, 'the default weight')
  assert.equal(change.applied, true)
  assert.equal(change.source, basename(MADE_UP), 'no source column: the file name')
})

test('tortured phrases from the bundled list are restored', () => {
  const bundled = readFileSync(BUNDLED, 'utf8')
  for (const row of ['irregular woodland\trandom forest\t', 'colossal information\tbig data\t', 'activation ability\tactivation function\t']) {
    assert.ok(bundled.includes(`\n${row}`), `the bundled list has ${JSON.stringify(row)}`)
  }
  const result = restore('We fit an Irregular woodland to colossal information.', {passes: ['phrases']})
  assert.equal(result.text, 'We fit an Random forest to big data.')
  assert.deepEqual(
    result.changes.map((c) => [c.from, c.to, c.applied]),
    [
      ['Irregular woodland', 'Random forest', true],
      ['colossal information', 'big data', true]
    ]
  )
  assert.ok(result.changes.every((c) => /Problematic Paper Screener/.test(c.source)))
  // A context-gated bundled entry: only where the document also has the original phrase.
  assert.equal(restore('The activation ability is a sigmoid.', {passes: ['phrases']}).text, 'The activation ability is a sigmoid.')
  assert.equal(
    restore('The activation ability is a sigmoid. Each activation function is smooth.', {passes: ['phrases']}).text,
    'The activation function is a sigmoid. Each activation function is smooth.'
  )
  assert.ok(result.spun > 0.5, 'two tortured phrases in eight words look spun')
})

test('a later dictionary overrides an entry of an earlier one', () => {
  const mine = dictionary('irregular woodland\trandom forests\t0.8\tmy fix\n')
  const result = restore('An irregular woodland.', {passes: ['phrases'], dictionaries: [mine], calibration: {}})
  assert.equal(result.text, 'An random forests.')
  assert.deepEqual(result.changes.map((c) => [c.source, c.confidence]), [['my fix', 0.8]])
})

test('dictionary rows: defaults, context clauses, and errors that name file:line', () => {
  assert.deepEqual(parseRow('Foo  Bar\u2019s\tBaz qux\t\t\t+Needle | -hay stack', 'x.tsv:1', 'x.tsv'), {
    words: ['foo', "bar's"],
    original: 'Baz qux',
    weight: 0.9,
    source: 'x.tsv',
    required: ['needle'],
    forbidden: ['hay stack']
  })
  assert.equal(parseRow('a\tb\t0.25\tsomewhere', 'x.tsv:2', 'x.tsv').source, 'somewhere')
  assert.equal(parseRow('a\tb\t1', 'x.tsv:2', 'x.tsv').weight, 1)
  const bad = [
    ['no tab here', /^my\.tsv:7: expected/],
    ['spun only\t   ', /^my\.tsv:7: expected/],
    ['\toriginal only', /^my\.tsv:7: expected/],
    ['a\tb\tnope', /^my\.tsv:7: weight .*"nope"/],
    ['a\tb\t0', /^my\.tsv:7: weight/],
    ['a\tb\t1.5', /^my\.tsv:7: weight/],
    ['a\tb\t-0.5', /^my\.tsv:7: weight/]
  ]
  for (const [row, message] of bad) {
    assert.throws(() => parseRow(row, 'my.tsv:7', 'my.tsv'), (error) => error instanceof DictionaryError && message.test(error.message), JSON.stringify(row))
  }
  // Through the library: the file's path and the line number, comments and blank lines counted.
  const broken = dictionary('# a comment\n\nok phrase\tfine\nbroken line\n')
  assert.throws(
    () => restore('Anything.', {passes: ['phrases'], dictionaries: [broken]}),
    (error) => error instanceof DictionaryError && error.message.startsWith(`${broken}:4: `)
  )
  const missing = join(scratch, 'no-such.tsv')
  assert.throws(() => restore('Anything.', {passes: ['phrases'], dictionaries: [missing]}), (error) => error instanceof DictionaryError && error.message.includes(missing))
})

test('a phrase no row lists is read back word by word from the rows that share its words', () => {
  const rows = dictionary('bosom peril\tbreast cancer\n')
  const text = 'Smoking is the main cause of lung peril in men. Mothers who give bosom milk protect their children.'
  const result = restore(text, {bundledDictionaries: false, dictionaries: [rows]})
  assert.equal(result.text, 'Smoking is the main cause of lung cancer in men. Mothers who give breast milk protect their children.')
  const change = result.changes.find((c) => c.from === 'bosom')
  assert.equal(change.pass, 'context')
  assert.equal(change.rule, 'bosom < breast')
  assert.match(change.source, /phrase dictionaries, word by word/)
  assert.match(restore(text, {bundledDictionaries: false}).text, /lung peril/, 'without the row, no cancer')
})

test('the rows\' word substitutions: what each written word stands for, and its share of all they write', () => {
  const rows = PhraseDictionary.load([dictionary('profound learning\tdeep learning\nprofound organization\tdeep network\nbosom peril\tbreast cancer\n')])
  assert.deepEqual(rows.substitutionsOf('profound'), [{original: 'deep', share: 1}])
  assert.equal(rows.writtenShare('profound'), 2 / 5)
  assert.equal(rows.writtenShare('organization'), 1 / 5)
  assert.equal(rows.writtenShare('learning'), 0, 'a word the rows keep is not written for another')
})

test('a word the rows write far more often than English does is likelier a spinner\'s: its original is proposed', () => {
  // the bundled rows write "blunder" for "error"; English seldom writes "blunder"
  const result = restore('We report the mean blunder of each model on the test set.', {calibration: {}, minConfidence: 0})
  const change = result.changes.find((c) => c.from === 'blunder')
  assert.equal(change?.to, 'error')
  assert.match(change.source, /phrase dictionaries, word by word/)
})

test('known tortured phrases tell the context pass the text is spun: an unknown one amid them is restored too', () => {
  // the bundled list without "administered learning", which the context pass must then find by itself
  const rows = readFileSync(BUNDLED, 'utf8').split('\n').filter((row) => !row.startsWith('administered learning\t'))
  const options = {bundledDictionaries: false, dictionaries: [dictionary(rows.join('\n'))]}
  const paper = (first, second, third) =>
    `In this paper, we propose a new method based on ${first} for the task. The results show that administered learning ` +
    `improves the accuracy of the system. Recent studies of ${second} have been reported in the literature. We compare it with ${third}.`
  const spun = restore(paper('brute pressure attack', 'client the board model', 'irregular woodland'), options)
  assert.equal(spun.text, paper('brute-force attack', 'user management system', 'random forest').replace('administered learning', 'supervised learning'))
  const clean = paper('brute-force attack', 'user management system', 'random forest')
  assert.equal(restore(clean, options).text, clean, 'without known phrases, the same words are left alone')
})

test('a known term (an original of the rows) is read back whole from a phrase whose words each trace back to its words', () => {
  // the bundled list without "colossal information", which the context pass must then find: its
  // words go back to "big" and "data" through other rows, and "big data" is an original of them
  const rows = readFileSync(BUNDLED, 'utf8').split('\n').filter((row) => !row.startsWith('colossal information\t'))
  const options = {bundledDictionaries: false, dictionaries: [dictionary(rows.join('\n'))]}
  const paper = (phrase) =>
    'In this paper, we propose a new method based on brute pressure attack for the task. ' +
    `The results show that ${phrase} improves the accuracy of the system. We compare it with irregular woodland.`
  const result = restore(paper('colossal information'), options)
  assert.match(result.text, /show that big data improves/)
  const change = result.changes.find((c) => c.to === 'big data')
  assert.equal(change.from, 'colossal information', 'one change for the whole term, not one per word')
  assert.equal(change.rule, 'colossal information < big data')
  assert.match(change.source, /known term of the phrase dictionaries/)
  // without a row whose original is "big data", the words alone are no known term
  const withoutTerm = rows.filter((row) => row.split('\t')[1] !== 'big data')
  const other = restore(paper('colossal information'), {bundledDictionaries: false, dictionaries: [dictionary(withoutTerm.join('\n'))]})
  assert.ok(!other.changes.some((c) => c.to === 'big data'))
})

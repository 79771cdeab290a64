// Tests of `unspin learn` (src/learn.ts, src/commands.ts): substitutions mined from spun texts
// alone, written as phrase-dictionary rows that --dict loads; and of the simulator's
// `consistent` option that the evaluation of learn relies on. The aggregation of the context
// pass's proposals is tested with a stand-in restorer and mining off; mining on the clean
// fixtures with substitutions made by hand and a restorer that proposes nothing; the whole
// command on a folder spun by scripts/spin.mjs, in process, through runLearn (a small driver)
// and through the real binary.
import test, {after} from 'node:test'
import assert from 'node:assert/strict'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {Learner, learnedDictionary, learnedRow, selectPairs, FULL_COVERAGE} from '../dist/learn.js'
import {PhraseDictionary, Restorer} from '../dist/index.js'
import {parseRow} from '../dist/lang/phrases.js'
import {spin} from '../scripts/spin.mjs'
import {documentsOf, minimalPair, simulatorPairs} from '../scripts/eval-learn.mjs'
import {asText, BIN, ROOT, runNode} from './support/spawn.mjs'

const COMMANDS = pathToFileURL(join(ROOT, 'dist', 'commands.js')).href
const CLEAN = join(ROOT, 'test', 'fixtures', 'clean')

const scratch = mkdtempSync(join(tmpdir(), 'unspin-learn-'))
after(() => rmSync(scratch, {recursive: true, force: true}))

const spawnNode = (args, {timeout = 180_000, ...rest} = {}) => runNode(args, {timeout, ...rest}).then(asText)
const runLearn = (args) =>
  spawnNode(['--input-type=module', '-e', `const {runLearn} = await import(${JSON.stringify(COMMANDS)}); process.exitCode = await runLearn(process.argv.slice(1))`, '--', ...args])
const unspin = (args) => spawnNode([BIN, ...args])
const rowsOf = (text) => text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).map((line) => line.split('\t'))

// ---------------------------------------------------------------- aggregation, with a stand-in restorer

/** A restorer that proposes `metropolis -> city` (and other given pairs) wherever the word stands. */
function standIn(proposals) {
  return {
    restore(text) {
      const changes = []
      for (const [from, to, confidence] of proposals) {
        for (const match of text.matchAll(new RegExp(`\\b${from.replace(/ /g, '\\s+')}\\b`, 'gi'))) {
          changes.push({pass: 'context', rule: '', from: match[0], to, start: {line: 1, column: 1, offset: match.index}, end: {line: 1, column: 1, offset: match.index + match[0].length}, confidence, applied: false, source: ''})
        }
      }
      changes.push({pass: 'casing', rule: '', from: 'The', to: 'the', start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 4, offset: 3}, confidence: 0.9, applied: true, source: ''})
      return {text, spun: 0.5, confidence: 0.5, changes}
    }
  }
}

test('learn counts documents, occurrences and confidence per pair, context changes only', () => {
  const learner = new Learner({restorer: standIn([['Metropolis', 'City', 0.8], ['residence of job', 'office', 0.4]]), mine: false})
  learner.add('The Metropolis council met. The metropolis slept.')
  learner.add('A METROPOLIS and a Residence of  job.')
  learner.add('Nothing here.')
  assert.equal(learner.documents, 3)
  assert.equal(learner.proposals, 4)
  const [city, office] = learner.candidates()
  assert.deepEqual(city, {spun: 'metropolis', original: 'city', documents: 2, occurrences: 3, meanConfidence: 0.8, consistency: 0, seen: 3, coverage: 1, agreement: 1, confidence: 0.8})
  assert.equal(office.spun, 'residence of job', 'lowercase, single spaces')
  assert.equal(office.original, 'office')
  assert.equal(office.documents, 1)
  assert.equal(office.confidence, 0.4)
  assert.deepEqual(learner.pairs({minSupport: 2, minConfidence: 0.5}).map((p) => p.spun), ['metropolis'])
  assert.deepEqual(learner.pairs({minSupport: 1, minConfidence: 0.3}).map((p) => p.spun), ['metropolis', 'residence of job'])
  assert.deepEqual(learner.pairs().map((p) => p.spun), ['metropolis'], 'defaults: 2 documents, confidence 0.5')
})

test('a proposal counts for the words it changed: words both sides share at either end are dropped', () => {
  const learner = new Learner({restorer: standIn([['for the first meter', 'for the first time', 0.9], ['meter ago', 'time ago', 0.7]]), mine: false})
  learner.add('It happened for the first meter.')
  learner.add('A long meter ago.')
  const [pair, ...others] = learner.candidates()
  assert.deepEqual(others, [])
  assert.deepEqual([pair.spun, pair.original, pair.documents, pair.occurrences, pair.meanConfidence], ['meter', 'time', 2, 2, 0.8])
})

test('a phrase that mostly stands unchanged loses confidence; one original per spun phrase', () => {
  // "state" proposed as "say" in 2 of its 10 occurrences: coverage 0.2
  const learner = new Learner({
    restorer: {
      restore(text) {
        const changes = [...text.matchAll(/\bstate\b/g)].slice(0, text.includes('[x]') ? 1 : 0).map((m) => ({pass: 'context', from: m[0], to: 'say', confidence: 0.9}))
        changes.push(...[...text.matchAll(/\bbear\b/g)].map((m, k) => ({pass: 'context', from: m[0], to: k === 0 ? 'have' : 'carry', confidence: 0.6})))
        return {text, spun: 0, confidence: 1, changes}
      }
    },
    mine: false
  })
  for (let k = 0; k < 5; k++) learner.add(`the state and the state ${k < 2 ? '[x]' : ''} bear bear bear`)
  const byPhrase = Object.fromEntries(learner.candidates().map((p) => [p.spun, p]))
  assert.equal(byPhrase.state.seen, 10)
  assert.equal(byPhrase.state.coverage, 0.2)
  assert.equal(byPhrase.state.confidence, Math.round(0.9 * (0.2 / FULL_COVERAGE) * 1000) / 1000)
  assert.equal(byPhrase.bear.original, 'carry', 'the original proposed most')
  assert.equal(byPhrase.bear.agreement, 0.667)
  assert.equal(learner.candidates().length, 2)
})

test('learned rows round-trip through parseRow and load with PhraseDictionary', () => {
  const learner = new Learner({restorer: standIn([['metropolis', 'city', 0.8], ['residence of job', 'office', 0.7], ['Sun-Instances', 'sun-times', 0.05]]), mine: false})
  for (let k = 0; k < 3; k++) learner.add(`The metropolis and the residence of job, and the sun-instances ${k}.`)
  const pairs = selectPairs(learner.candidates(), {minSupport: 3, minConfidence: 0})
  assert.equal(pairs.length, 3)
  for (const pair of pairs) {
    const row = learnedRow(pair)
    const entry = parseRow(row, 'row', 'fallback')
    assert.deepEqual(entry.words, pair.spun.split(' '))
    assert.equal(entry.original, pair.original)
    assert.equal(entry.weight, pair.confidence)
    assert.equal(entry.source, `learn: 3 documents, 3 times`)
  }
  const path = join(scratch, 'learned.tsv')
  writeFileSync(path, learnedDictionary(pairs, {documents: 3, paths: ['a.txt'], minSupport: 3, minConfidence: 0}))
  const dictionary = PhraseDictionary.load([path])
  assert.equal(dictionary.size, 3)
  assert.equal(dictionary.startingWith('residence')[0].original, 'office')
})

// ---------------------------------------------------------------- mining, on hand-made substitutions

/** The clean fixtures as paragraph-sized documents. */
const cleanDocuments = readdirSync(CLEAN).filter((name) => name.endsWith('.txt')).sort().flatMap((name) => documentsOf(readFileSync(join(CLEAN, name), 'utf8')))
/** A restorer that proposes nothing: what is learned comes from mining alone. */
const silent = {restore: (text) => ({text, spun: 0, confidence: 1, changes: []})}
function learnFrom(documents, options = {}) {
  const learner = new Learner({restorer: silent, ...options})
  for (const document of documents) learner.add(document)
  return learner.candidates()
}
const pairOf = (pairs, spun) => pairs.find((pair) => pair.spun === spun)

test('mining: a word swapped consistently for a rare synonym is learned though the context pass never proposes it', () => {
  const documents = cleanDocuments.map((text) => text.replace(/\bneed\b/g, 'postulate'))
  const used = documents.filter((text) => text.includes('postulate')).length
  assert.ok(used >= 5)
  const pair = pairOf(learnFrom(documents), 'postulate')
  assert.equal(pair?.original, 'need')
  assert.equal(pair.meanConfidence, 0, 'never proposed')
  assert.ok(pair.consistency > 0.5 && pair.documents >= 3 && pair.documents <= used, JSON.stringify(pair))
  assert.ok(pair.confidence > 0 && pair.confidence < pair.consistency, 'unconfirmed by proposals: trusted about half')
  assert.equal(pairOf(learnFrom(documents, {mine: false}), 'postulate'), undefined)
})

test('mining alone is trusted as far as the proposals confirm its other rules, given how sure they are', () => {
  const documents = cleanDocuments.map((text) => text.replace(/\bneed\b/g, 'postulate').replace(/\bknow\b/g, 'cognise'))
  // proposals about "cognise" only: they agree with mining, or name another original
  const proposing = (original, confidence = 0.4) => ({
    restore: (text) => ({text, spun: 0, confidence: 1, changes: [...text.matchAll(/\bcognise\b/g)].map(() => ({pass: 'context', from: 'cognise', to: original, confidence}))})
  })
  const confirmed = learnFrom(documents, {restorer: proposing('know')})
  const contradicted = learnFrom(documents, {restorer: proposing('think')})
  assert.equal(pairOf(confirmed, 'cognise').original, 'know')
  const [a, b] = [confirmed, contradicted].map((pairs) => pairOf(pairs, 'postulate'))
  assert.equal(a.original, 'need')
  assert.equal(b.original, 'need')
  assert.equal(a.consistency, b.consistency, 'the same evidence')
  assert.ok(a.confidence > b.confidence, `${a.confidence} confirmed elsewhere, ${b.confidence} contradicted`)
  // agreeing with proposals that are often wrong says more than agreeing with sure ones
  const surely = pairOf(learnFrom(documents, {restorer: proposing('know', 0.95)}), 'postulate')
  assert.ok(a.confidence > surely.confidence, `${a.confidence} confirmed by unsure proposals, ${surely.confidence} by sure ones`)
})

test('mining: one substitute per original; proposals that agree raise the confidence', () => {
  // two substitutes for "need": only one of them can be the spinner's
  const two = learnFrom(cleanDocuments.map((text, k) => text.replace(/\bneed\b/g, k % 2 ? 'postulate' : 'require')))
  const originals = ['postulate', 'require'].map((spun) => pairOf(two, spun)?.original)
  assert.ok(originals.includes('need') && originals[0] !== originals[1], originals.join(', '))

  const documents = cleanDocuments.map((text) => text.replace(/\bneed\b/g, 'postulate'))
  const proposing = {
    restore: (text) => ({text, spun: 0, confidence: 1, changes: [...text.matchAll(/\bpostulate\b/g)].slice(0, 1).map(() => ({pass: 'context', from: 'postulate', to: 'need', confidence: 0.4}))})
  }
  const proposed = pairOf(learnFrom(documents, {restorer: proposing, mine: false}), 'postulate')
  const mined = pairOf(learnFrom(documents), 'postulate')
  const both = pairOf(learnFrom(documents, {restorer: proposing}), 'postulate')
  assert.equal(both.original, 'need')
  assert.equal(both.meanConfidence, proposed.meanConfidence)
  assert.equal(both.consistency, mined.consistency)
  assert.ok(both.confidence >= Math.max(proposed.confidence, mined.confidence), JSON.stringify(both))
})

test('mining: words of a longer spun unit are not learned alone; clean text yields few rules', () => {
  const unit = learnFrom(cleanDocuments.map((text) => text.replace(/\bcountry\b/g, 'soundbox sagacious')))
  assert.deepEqual(unit.filter((pair) => /soundbox|sagacious/.test(pair.spun)), [])
  // the model prefers common words to some genuine ones, but rarely throughout a corpus
  const clean = selectPairs(learnFrom(cleanDocuments))
  assert.ok(clean.length < cleanDocuments.length / 5, `${clean.length} rows from ${cleanDocuments.length} clean documents`)
})

// ---------------------------------------------------------------- the simulator's consistent spinner

test('spin: `consistent` gives every document the same synonym for a word; default unchanged', () => {
  const text = readFileSync(join(CLEAN, 'sotu-2010-obama.txt'), 'utf8')
  const docs = documentsOf(text)
  assert.ok(docs.length >= 8)
  const table = new Map()
  const spunFor = new Map()
  for (const [i, doc] of docs.entries()) {
    for (const edit of spin(doc, {seed: i + 1, consistent: 'same', table, casing: 0, typos: 0}).edits) {
      if (edit.kind !== 'synonym' || /^\d/.test(edit.original)) continue
      const key = edit.original.toLowerCase()
      if (spunFor.has(key)) assert.equal(edit.synonym.toLowerCase(), spunFor.get(key), `"${key}" spun alike everywhere`)
      spunFor.set(key, edit.synonym.toLowerCase())
    }
  }
  assert.ok(table.size > 50)
  assert.deepEqual(spin(text, {seed: 4, consistent: undefined}), spin(text, {seed: 4}))
  assert.notEqual(spin(text, {seed: 4, consistent: 'a'}).text, spin(text, {seed: 4}).text)
  assert.throws(() => spin(text, {table: {}}), TypeError)
  assert.equal(minimalPair('every twelvemonth', 'every year'), 'twelvemonth\tyear')
  assert.equal(minimalPair('place of business', 'office'), 'place of business\toffice')
})

// ---------------------------------------------------------------- the command, on spun texts

/** A folder of documents spun by one consistent spinner, and the spinner's pairs. */
function spunFolder() {
  const dir = join(scratch, 'spun')
  mkdirSync(dir)
  const docs = ['sotu-2010-obama.txt', 'sotu-2014-obama.txt'].flatMap((name) => documentsOf(readFileSync(join(CLEAN, name), 'utf8')))
  const spun = docs.map((doc, i) => spin(doc, {seed: i + 1, consistent: 'x'}))
  spun.forEach((s, i) => writeFileSync(join(dir, `doc${String(i).padStart(2, '0')}.txt`), s.text))
  return {dir, truth: simulatorPairs(spun), documents: docs.length}
}
const folder = spunFolder()

test('learn on a folder of spun texts: mining adds rules of the spinner the proposals alone miss', () => {
  const restorer = new Restorer({minConfidence: 1})
  const documents = readdirSync(folder.dir).sort().map((name) => readFileSync(join(folder.dir, name), 'utf8'))
  const results = documents.map((text) => restorer.restore(text))
  const learned = (mine) => {
    const learner = new Learner({mine})
    documents.forEach((text, k) => learner.addChanges(text, results[k].changes))
    const rows = selectPairs(learner.candidates(), {minSupport: 2})
    return {rows: rows.length, right: rows.filter((pair) => folder.truth.has(`${pair.spun}\t${pair.original}`)).length}
  }
  const [alone, mining] = [learned(false), learned(true)]
  assert.ok(mining.right > alone.right, `${mining.right} right rows with mining, ${alone.right} without`)
  assert.ok(mining.right > mining.rows / 2, `${mining.right} of ${mining.rows} rows are the spinner's`)
})

test('runLearn over a folder of spun texts: rows with support >= N, mostly the spinner\'s', async () => {
  const out = join(scratch, 'pairs.tsv')
  const done = await runLearn([folder.dir, '--out', out, '--min-support', '2'])
  assert.equal(done.code, 0, done.stderr)
  assert.equal(done.stdout, '')
  assert.match(done.stderr, new RegExp(`unspin learn: ${folder.documents} documents, .* kept -> ${out}`))
  const text = readFileSync(out, 'utf8')
  assert.match(text, /^# unspin learn: /)
  const rows = rowsOf(text)
  assert.ok(rows.length >= 3, `${rows.length} rows`)
  for (const [spun, original, weight, source] of rows) {
    const [, documents, times] = source.match(/^learn: (\d+) documents, (\d+) times$/)
    assert.ok(Number(documents) >= 2, source)
    assert.ok(Number(times) >= Number(documents))
    assert.ok(Number(weight) >= 0.5 && Number(weight) <= 1)
    assert.equal(spun, spun.toLowerCase())
    assert.equal(original, original.toLowerCase())
  }
  const supports = rows.map((row) => Number(row[3].match(/\d+/)[0]))
  assert.deepEqual(supports, [...supports].sort((a, b) => b - a), 'best supported first')
  const right = rows.filter(([spun, original]) => folder.truth.has(`${spun}\t${original}`))
  assert.ok(right.length > rows.length / 2, `${right.length} of ${rows.length} rows are the spinner's`)
  assert.equal(PhraseDictionary.load([out]).size, rows.length)

  const strict = await runLearn([folder.dir, '-q', '--min-support', '4', '--min-confidence', '0.6'])
  assert.equal(strict.code, 0)
  assert.equal(strict.stderr, '')
  for (const row of rowsOf(strict.stdout)) assert.ok(Number(row[3].match(/\d+/)[0]) >= 4 && Number(row[2]) >= 0.6)
})

test('runLearn: a malformed input is an error naming the file; the others are still learned', async () => {
  const dir = join(scratch, 'mixed')
  mkdirSync(dir)
  writeFileSync(join(dir, 'a.txt'), 'The metropolis council met on Sunday.\n')
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x61, 0x00, 0x62]))
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]))
  writeFileSync(join(dir, 'docs.jsonl'), '{"text": "The metropolis slept."}\n[1, 2]\n{"body": "x"}\n')
  const out = join(scratch, 'mixed.tsv')
  const done = await runLearn([dir, join(scratch, 'absent'), '--out', out])
  assert.equal(done.code, 1)
  assert.match(done.stderr, new RegExp(`unspin: ${join(dir, 'binary.txt')}: binary file`))
  assert.match(done.stderr, new RegExp(`unspin: ${join(dir, 'latin1.txt')}: invalid UTF-8 at byte 3`))
  assert.match(done.stderr, new RegExp(`unspin: ${join(dir, 'docs.jsonl')}:2: not a JSON object with a string "text" field`))
  assert.match(done.stderr, new RegExp(`unspin: ${join(dir, 'docs.jsonl')}:3: `))
  assert.match(done.stderr, new RegExp(`unspin: ${join(scratch, 'absent')}: no such file or folder`))
  assert.match(done.stderr, /unspin learn: 2 documents/)
  // the two good documents are learned from: both write "metropolis" for "city"
  assert.match(readFileSync(out, 'utf8'), /^# unspin learn: 1 pairs mined from 2 spun documents[^]*\nmetropolis\tcity\t/)

  const empty = join(scratch, 'empty.txt')
  writeFileSync(empty, '')
  const nothing = await runLearn([empty, '--out', join(scratch, 'never.tsv')])
  assert.equal(nothing.code, 1)
  assert.equal(nothing.stderr, `unspin: ${empty}: empty file, nothing to restore\n`)

  assert.equal((await runLearn([])).code, 2)
  assert.equal((await runLearn([dir, '--min-support', '0'])).code, 2)
  assert.equal((await runLearn([dir, '--min-confidence', '2'])).code, 2)
  assert.equal((await runLearn([dir, '--frobnicate'])).code, 2)
  assert.equal((await runLearn([join(dir, 'a.txt'), '--out', join(dir, 'a.txt')])).code, 2)
  const help = await runLearn(['--help'])
  assert.equal(help.code, 0)
  assert.match(help.stdout, /--min-support/)
})

// These go through bin/unspin.js, so they need src/cli.ts to dispatch `unspin learn` to runLearn.
test('unspin learn (binary): a folder to a dictionary that --dict loads', async () => {
  const out = join(scratch, 'bin-pairs.tsv')
  const done = await unspin(['learn', folder.dir, '--out', out, '--min-support', '2'])
  assert.equal(done.code, 0, done.stderr)
  const rows = rowsOf(readFileSync(out, 'utf8'))
  assert.ok(rows.length >= 3)
  for (const row of rows) assert.ok(Number(row[3].match(/\d+/)[0]) >= 2)
  const restored = await unspin(['--passes', 'phrases', '--dict', out, '--check', join(folder.dir, 'doc00.txt')])
  assert.notEqual(restored.code, 2, restored.stderr)
  const bad = join(scratch, 'bad.txt')
  writeFileSync(bad, Buffer.from([0x00, 0x01]))
  const failed = await unspin(['learn', bad])
  assert.equal(failed.code, 1)
  assert.match(failed.stderr, new RegExp(`${bad}: binary file`))
})

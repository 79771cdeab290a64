import {after, test} from 'node:test'
import assert from 'node:assert/strict'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Thesaurus, defaultThesaurus, encodeTables, inflect, lemmaCandidates} from '../dist/lang/thesaurus.js'

const th = defaultThesaurus()
const originals = (tokens, maxHops) => th.origins(tokens, maxHops).map((o) => o.original)
const find = (tokens, original, maxHops) => th.origins(tokens, maxHops).find((o) => o.original === original)

test('loads the bundled thesaurus, once', () => {
  const fresh = Thesaurus.load()
  assert.ok(fresh.size > 140000, `only ${fresh.size} terms`)
  assert.deepEqual(fresh.sources('city'), th.sources('city'))
  assert.equal(defaultThesaurus(), th)
})

/**
 * A five-term thesaurus with one edge, cafe -> café, as the build script would write it. In JS
 * string order (UTF-16 code units) the surrogate pair of 𝔸 sorts before ﬀ; in UTF-8 it is after.
 */
function tinyFile() {
  const terms = ['cafe', 'café', 'zebra', '𝔸x', 'ﬀ']
  const bytes = terms.map((t) => Buffer.from(t))
  const stringOff = new Int32Array(terms.length + 1)
  bytes.forEach((b, k) => (stringOff[k + 1] = stringOff[k] + b.length))
  const tables = {
    strings: Buffer.concat(bytes),
    stringOff,
    info: new Uint8Array(5),
    fwdOff: Int32Array.of(0, 1, 1, 1, 1, 1),
    fwdTo: Int32Array.of(1),
    revOff: Int32Array.of(0, 0, 1, 1, 1, 1),
    revFrom: Int32Array.of(0),
    revCost: Uint8Array.of(16),
    seqOff: Int32Array.of(0, 1, 2, 3, 4, 5),
    seq: Int32Array.of(0, 1, 2, 3, 4),
    // no multi-word terms: only the root (after the five words) goes on
    childBits: Int32Array.of(0, 0, 0, 0, 0, -1),
    edges: new Int32Array(8).fill(-1)
  }
  return {terms, bytes: Buffer.from(encodeTables(tables))}
}

const scratch = mkdtempSync(join(tmpdir(), 'unspin-thes-'))
after(() => rmSync(scratch, {recursive: true, force: true}))
let files = 0

function writeTemp(bytes) {
  const path = join(scratch, `${files++}.thes`)
  writeFileSync(path, bytes)
  return path
}

test('the file format round-trips, strings beyond ASCII included', () => {
  const {terms, bytes} = tinyFile()
  const tiny = Thesaurus.load(writeTemp(bytes))
  assert.equal(tiny.size, 5)
  for (const term of terms) assert.ok(tiny.has(term), term)
  for (const other of ['caf', 'cafés', 'cafè', 'zebras', '𝔸', 'ﬀx', '']) assert.ok(!tiny.has(other), other)
  assert.deepEqual(tiny.synonyms('cafe'), ['café'])
  assert.deepEqual(tiny.sources('café'), ['cafe'])
  assert.deepEqual(tiny.origins(['café']), [{original: 'cafe', hops: 1, path: ['café', 'cafe'], fanouts: [1]}])
})

test('rejects files of another format version, and truncated files', () => {
  const {bytes} = tinyFile()
  const old = Buffer.from(bytes)
  old.writeUInt32LE(1, 8)
  assert.throws(() => Thesaurus.load(writeTemp(old)), /unsupported thesaurus version 1/)
  assert.throws(() => Thesaurus.load(writeTemp(bytes.subarray(0, bytes.length - 8))), /corrupt/)
  assert.throws(() => Thesaurus.load(writeTemp(Buffer.from('hello'))), /not an unspin thesaurus/)
})

test('has: headwords, synonyms, multi-word terms; lowercase only', () => {
  assert.ok(th.has('city'))
  assert.ok(th.has('place of business'))
  assert.ok(th.has('the hague')) // a synonym listed as "The Hague"
  assert.ok(!th.has('Place of business'))
  assert.ok(!th.has('place  of business'))
  assert.ok(!th.has('xyzzyq'))
  assert.ok(!th.has('generic term'))
})

test('synonyms (forward) and sources (backward) are one hop and consistent', () => {
  assert.ok(th.synonyms('city').includes('metropolis'))
  assert.ok(th.synonyms('office').includes('place of business'))
  assert.ok(th.synonyms('agent').includes('broker'))
  assert.ok(th.sources('metropolis').includes('city'))
  assert.ok(th.sources('place of business').includes('office'))
  for (const term of ['city', 'office', 'say', 'have', 'open air']) {
    for (const syn of th.synonyms(term)) assert.ok(th.sources(syn).includes(term), `${term} -> ${syn} has no reverse edge`)
    assert.ok(!th.synonyms(term).includes(term))
  }
  // notes are stripped, not kept in terms
  for (const s of th.synonyms('office')) assert.ok(!s.includes('('), s)
})

test('antonyms are dropped, not synonyms', () => {
  assert.ok(!th.synonyms('outside').includes('inside'))
  assert.ok(!th.synonyms('open').includes('closed'))
  assert.ok(!th.synonyms('open').includes('shut'))
  assert.ok(!th.synonyms('have').includes('lack'))
  assert.ok(!th.sources('inside').includes('outside'))
  assert.ok(!originals(['inside'], 1).includes('outside'))
})

test('acronyms and their senses are dropped: "IT" is no synonym of "technology", "US" none of "United States"', () => {
  assert.deepEqual(th.synonyms('it'), [])
  assert.ok(!originals(['technology'], 1).includes('it'))
  assert.ok(!th.synonyms('united states').includes('us'))
  assert.ok(th.synonyms('cat').includes('feline'), 'a word with an acronym sense (CAT scan) keeps its other senses')
})

test('unknown terms give empty results', () => {
  assert.deepEqual(th.synonyms('xyzzyq'), [])
  assert.deepEqual(th.sources('xyzzyq'), [])
  assert.deepEqual(th.origins(['xyzzyq']), [])
  assert.deepEqual(th.origins(['xyzzyq', 'plugh']), [])
  assert.deepEqual(th.origins([]), [])
})

test('one-hop origins: metropolis <- city, division <- department, state <- say', () => {
  const city = find(['metropolis'], 'city')
  assert.ok(city)
  assert.equal(city.hops, 1)
  assert.deepEqual(city.path, ['metropolis', 'city'])
  assert.equal(find(['division'], 'department')?.hops, 1)
  assert.equal(find(['state'], 'say')?.hops, 1)
  assert.equal(find(['place', 'of', 'business'], 'office')?.hops, 1)
})

test('inflection: brokers <- agents, instances <- times, stated <- said', () => {
  const agents = find(['brokers'], 'agents')
  assert.ok(agents)
  assert.equal(agents.hops, 1)
  assert.deepEqual(agents.path, ['brokers', 'agents'])
  assert.ok(!originals(['brokers']).includes('agent')) // re-inflected, not the bare lemma
  assert.equal(find(['instances'], 'times')?.hops, 1)
  assert.equal(find(['metropolises'], 'cities')?.hops, 1)
  assert.equal(find(['stated'], 'said')?.hops, 1)
  assert.equal(find(['stating'], 'saying')?.hops, 1)
  assert.equal(find(['places', 'of', 'business'], 'offices')?.hops, 1)
  assert.equal(find(['urban', 'centers'], 'cities')?.hops, 1)
  // a past-tense reading only yields verbs: no "countried" from "stated"
  assert.ok(!originals(['stated']).includes('countried'))
})

test('component substitution: put of enterprise <- place of business <- office', () => {
  const office = find(['put', 'of', 'enterprise'], 'office', 3)
  assert.ok(office)
  assert.equal(office.hops, 3)
  assert.deepEqual(office.path, ['put of enterprise', 'place of enterprise', 'place of business', 'office'])
  assert.equal(find(['put', 'of', 'enterprise'], 'place of business')?.hops, 2)
  assert.equal(find(['place', 'of', 'enterprise'], 'office')?.hops, 2)
  assert.ok(!originals(['put', 'of', 'enterprise'], 2).includes('office'))
})

test('multi-hop chains', () => {
  // outside -> outdoors -> open air (mythes has no direct outside -> open air)
  assert.deepEqual(find(['open', 'air'], 'outside')?.path, ['open air', 'outdoors', 'outside'])
  // say -> aver -> affirm (mythes has no state -> affirm edge)
  assert.equal(find(['affirm'], 'say')?.hops, 2)
  assert.ok(!originals(['open', 'air'], 1).includes('outside'))
})

test('not in the data: be pleased, all the way through, solar <- sun', () => {
  // mythes-en-us has no "be pleased", no "all the way through", no "by means of",
  // and nothing lists "solar" as a synonym; these chains cannot be recovered.
  assert.ok(!th.has('be pleased'))
  assert.ok(!th.has('all the way through'))
  assert.deepEqual(th.sources('solar'), [])
})

test('results: each original once, sorted by hops, paths hops + 1 long', () => {
  for (const tokens of [['metropolis'], ['brokers'], ['put', 'of', 'enterprise'], ['get'], ['take', 'up']]) {
    const r = th.origins(tokens)
    const names = r.map((o) => o.original)
    assert.equal(new Set(names).size, names.length)
    for (let i = 1; i < r.length; i++) assert.ok(r[i - 1].hops <= r[i].hops)
    for (const o of r) {
      assert.ok(o.hops >= 1 && o.hops <= 3)
      assert.equal(o.path.length, o.hops + 1)
      assert.equal(o.path[0], tokens.join(' '))
      assert.equal(o.path[o.path.length - 1], o.original)
      assert.notEqual(o.original, tokens.join(' '))
    }
  }
  for (const o of th.origins(['metropolis'], 1)) assert.equal(o.hops, 1)
})

test('inflection helpers', () => {
  assert.equal(inflect('agent', 's'), 'agents')
  assert.equal(inflect('city', 's'), 'cities')
  assert.equal(inflect('box', 's'), 'boxes')
  assert.equal(inflect('stop', 'ed'), 'stopped')
  assert.equal(inflect('state', 'ed'), 'stated')
  assert.equal(inflect('say', 'ed'), 'said')
  assert.equal(inflect('take', 'en'), 'taken')
  assert.equal(inflect('make', 'ing'), 'making')
  assert.equal(inflect('lie', 'ing'), 'lying')
  assert.equal(inflect('happy', 'er'), 'happier')
  assert.equal(inflect('big', 'er'), 'bigger')
  assert.equal(inflect('nice', 'er'), 'nicer')
  assert.deepEqual(th.lemmas('brokers'), [{lemma: 'broker', kind: 's'}])
  assert.deepEqual(th.lemmas('cities'), [{lemma: 'city', kind: 's'}])
  assert.ok(th.lemmas('returned').some((l) => l.lemma === 'return' && l.kind === 'ed'))
  assert.ok(th.lemmas('running').some((l) => l.lemma === 'run' && l.kind === 'ing'))
  assert.ok(lemmaCandidates('said').some((l) => l.lemma === 'say'))
  assert.equal(th.inflectTerm('place of business', 's'), 'places of business')
  assert.equal(th.inflectTerm('urban center', 's'), 'urban centers')
  assert.equal(th.inflectTerm('take up', 'ed'), 'took up')
})

test('words named like Object.prototype members are plain words', () => {
  assert.deepEqual(lemmaCandidates('constructor'), [])
  assert.deepEqual(th.lemmas('constructor'), [])
  assert.ok(th.origins(['constructor']).some((o) => o.original === 'builder'))
  assert.deepEqual(th.origins(['__proto__', 'of']), [])
})

test('origins do not depend on the searches before them', () => {
  const spans = [['brokers'], ['put', 'of', 'enterprise'], ['stated'], ['urban', 'centers'], ['open', 'air'], ['places', 'of', 'business']]
  const other = Thesaurus.load()
  for (const tokens of [...spans].reverse()) other.origins(tokens)
  for (const tokens of spans) assert.deepEqual(other.origins(tokens), th.origins(tokens), tokens.join(' '))
})

test('origin(spun, original) is the entry origins(spun) lists for it, or undefined', () => {
  for (const tokens of [['brokers'], ['put', 'of', 'enterprise'], ['stated'], ['urban', 'centers']]) {
    const listed = th.origins(tokens)
    assert.ok(listed.length > 2, tokens.join(' '))
    for (const entry of [listed[0], listed[Math.floor(listed.length / 2)], listed.at(-1)]) {
      assert.deepEqual(th.origin(tokens, entry.original), entry, `${tokens.join(' ')} < ${entry.original}`)
    }
    assert.equal(th.origin(tokens, 'no such original'), undefined)
  }
})

test('scoredOrigins(spun) lists what origins(spun) lists, scored over its path, best first', () => {
  const score = (fanout) => -Math.log10(Math.max(fanout, 1))
  for (const spun of [['brokers'], ['metropolis'], ['put', 'of', 'enterprise'], ['bear']]) {
    const listed = th.origins(spun, 3)
    const {originals, scores, terms} = th.scoredOrigins(spun, 3, score)
    assert.deepEqual([...originals].sort(), listed.map((o) => o.original).sort(), spun.join(' '))
    for (const [k, original] of originals.entries()) {
      const {fanouts} = listed.find((o) => o.original === original)
      assert.equal(scores[k], fanouts.reduce((sum, f) => sum + score(f), 0), original)
      assert.ok(k === 0 || scores[k - 1] >= scores[k], 'best first')
      assert.ok(terms[k] === -1 || th.has(original), original)
    }
  }
})

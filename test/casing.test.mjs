// Tests for the casing model (src/lang/casing.ts, data corpus/casing/en.casing).
import test from 'node:test'
import assert from 'node:assert/strict'
import {
  CasingModel,
  defaultCasing,
  casePattern,
} from '../dist/lang/casing.js'

test('loads the bundled model, once', () => {
  const m = CasingModel.load()
  assert.ok(m.size > 50000, `keys: ${m.size}`)
  assert.equal(defaultCasing(), defaultCasing())
})

test('parse: keys beyond ASCII, a key given twice (the later line wins), lines without a key', () => {
  const m = CasingModel.parse(
    'header\n# comment\n@cased\napple\tApple:0.9,apple:0.1\t5\t0.2\nno forms\n\tno key\n\ncafé\tCafé:0.7\t2\t0.3\n' +
      '@lower 0.8\nbanana\napple\n@names\nwhite house\tWhite House\t0.9\npolice department\tPolice Department\t0.8\t0.5\n@lower 0.5\nbanana\nzürich'
  )
  assert.equal(m.size, 4)
  assert.deepEqual(m.preferred('Café'), {form: 'Café', probability: 0.7})
  assert.deepEqual(m.distribution('apple'), {forms: [{form: 'apple', probability: 0.8}], n: 0, solo: 0.8, known: true})
  assert.deepEqual(m.preferred('banana'), {form: 'banana', probability: 0.5})
  assert.deepEqual(m.preferred('Zürich'), {form: 'zürich', probability: 0.5})
  assert.equal(m.distribution('zürich').known, true)
  for (const word of ['header', 'no', 'no forms', 'white']) assert.equal(m.isKnown(word), false, word)
  // without a share of its own after no name, a pair is a name as often anywhere
  assert.deepEqual(m.name('White', 'house', false), {form: 'White House', probability: 0.9})
  assert.deepEqual(m.name('police', 'department', true), {form: 'Police Department', probability: 0.8})
  assert.deepEqual(m.name('police', 'department', false), {form: 'Police Department', probability: 0.5})
})

test('names and places are capitalized, common words are not', () => {
  const m = defaultCasing()
  assert.equal(m.preferred('chicago').form, 'Chicago')
  assert.ok(m.preferred('chicago').probability > 0.9)
  assert.equal(m.preferred('illinois').form, 'Illinois')
  assert.equal(m.preferred('angeles').form, 'Angeles')
  assert.equal(m.preferred('donald').form, 'Donald')
  assert.equal(m.preferred('police').form, 'police')
  assert.ok(m.preferred('police').probability > 0.85)
  assert.equal(m.preferred('immigration').form, 'immigration')
  assert.equal(m.preferred('authorities').form, 'authorities')
  assert.equal(m.preferred('i').form, 'I')
  // input casing does not matter
  assert.equal(m.preferred('CHICAGO').form, 'Chicago')
  assert.equal(m.preferred('Police').form, 'police')
})

test('acronyms where the data has them', () => {
  const m = defaultCasing()
  assert.equal(m.preferred('fbi').form, 'FBI') // Brown + State of the Union
  assert.equal(m.preferred('nasa').form, 'NASA')
  assert.equal(m.preferred('nato').form, 'NATO')
  assert.equal(m.preferred('u.s.').form, 'U.S.')
  assert.equal(m.preferred('U.S').form, 'U.S.')
  // DHS: only the hunspell dictionary knows it (no corpus occurrence)
  assert.equal(m.preferred('dhs').form, 'DHS')
  assert.equal(m.distribution('dhs').n, 0)
  // CBP: nowhere in the data; unknown vowel-less short words are guessed to be acronyms
  assert.equal(m.isKnown('cbp'), false)
  assert.equal(m.preferred('cbp').form, 'CBP')
  assert.ok(m.preferred('cbp').probability <= 0.6)
  // "us" the pronoun, not "US"
  assert.equal(m.preferred('us').form, 'us')
})

test('known gaps: the data says "ice" and "trump" are lowercase words', () => {
  const m = defaultCasing()
  // ICE (the agency) is in the 2018-2020 addresses, but "ice" the noun dominates
  assert.equal(m.preferred('ice').form, 'ice')
  assert.ok(m.patternProbability('ice', 'upper') > 0.03)
  // Trump: one lowercase card-game "trump" in Brown; the dictionary lists both casings
  assert.equal(m.preferred('trump').form, 'trump')
  assert.ok(m.patternProbability('trump', 'title') > 0.1)
})

test('ambiguous institutional words, and their standalone form', () => {
  const m = defaultCasing()
  // "County" is capitalized about as often as not (names like "Cook County")...
  const county = m.preferred('county')
  assert.ok(county.probability < 0.6)
  // ...but outside a capitalized name it is lowercase
  assert.deepEqual(m.standalone('county').form, 'county')
  assert.ok(m.standalone('county').probability > 0.9)
  assert.equal(m.standalone('department').form, 'department')
  assert.equal(m.standalone('chicago').form, 'Chicago')
})

test('possessives, periods and hyphens', () => {
  const m = defaultCasing()
  assert.equal(m.preferred('illinois’s').form, 'Illinois’s')
  assert.equal(m.preferred("chicago's").form, "Chicago's")
  assert.equal(m.preferred('mr.').form, 'Mr.')
  assert.equal(m.preferred('chicago-based').form, 'Chicago-based')
  assert.equal(m.isKnown('chicago-based'), true)
  assert.equal(m.isKnown('drubi'), false)
  assert.equal(m.preferred('drubi').form, 'drubi')
  assert.equal(m.preferred('1,070').form, '1,070')
})

test('casePattern', () => {
  assert.equal(casePattern('police'), 'lower')
  assert.equal(casePattern('Police'), 'title')
  assert.equal(casePattern('POLICE'), 'upper')
  assert.equal(casePattern('McDonald'), 'mixed')
  assert.equal(casePattern('iPhone'), 'mixed')
  assert.equal(casePattern('A'), 'title')
  assert.equal(casePattern('U.S.'), 'upper')
  assert.equal(casePattern('1,070'), 'lower')
})


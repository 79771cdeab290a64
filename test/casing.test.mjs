// Tests for the casing model (src/lang/casing.ts, data corpus/casing/en.casing).
import test from 'node:test'
import assert from 'node:assert/strict'
import { performance } from 'node:perf_hooks'
import {
  CasingModel,
  defaultCasing,
  casingCorruption,
  applyCase,
  casePattern,
  withCasePattern,
} from '../dist/lang/casing.js'

// Paragraphs copied from the seed documents (corpus/examples/).
// Seed 004: spun text with corrupted casing.
const SPUN_TITLE =
  'Council Members and Immigration Advocates bear Called for Investigations Into Where The Police Division Violated A Affirm Legislation and Metropolis Ordinance Legislation Enforcement Officers’ Cooperation with Federal Immigration Officials.'
const SPUN_CAPS =
  'Between November 2022 and gradual this previous March, THRE THREE FEDERAL AGENCIES OBTAINED THE ARREST REPORTS FOR AT LEAST A DOZEN UNDER ILLINOIS ‘FREEDOM OF INFORMATION ACT. Among the Haven’t Been Convicted of a Crime in Cook County. Others bear lengthy arrest files that encompass serial prices.'
const SPUN_MIXED =
  'In Fresh Days, Trump’s Immigration Crackdown Has Protests in Chicago and in Varied Cities All the device by means of the Nation, Including Los Angeles, where the President has deployed the Nationwide Guard and Marines Be pleased Grown Volatile.'
// Seed 001: clean news text, names and acronyms included.
const CLEAN_1 =
  "In the news release, ICE blamed the dangerous releases on county officials' refusal to cooperate with the immigration enforcement agency. According to ICE, Cook County — home to Chicago — repeatedly rejected or ignored immigration detainers placed on criminal aliens."
const CLEAN_2 =
  'An immigration detainer is a tool used by ICE and other Department of Homeland Security officials to hold individuals who they have probable cause to believe could be removable aliens beyond the time of their anticipated release.'
const CLEAN_3 =
  'U.S. Immigrations and Customs Enforcement called out law enforcement agencies in Cook County, Illinois, over the weekend for releasing 1,070 criminal aliens and immigration violators in Fiscal Year 2019, despite repeated requests by ICE to notify the agencies prior to release.'

const words = (p) => p.split(/\s+/)

test('loads the bundled model, once', () => {
  const m = CasingModel.load()
  assert.ok(m.size > 50000, `keys: ${m.size}`)
  assert.equal(defaultCasing(), defaultCasing())
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

test('casingCorruption: high on seed 004, low on seed 001', () => {
  for (const p of [SPUN_TITLE, SPUN_CAPS, SPUN_MIXED]) {
    const s = casingCorruption(words(p))
    assert.ok(s > 0.3, `${s.toFixed(3)} for: ${p.slice(0, 50)}`)
  }
  for (const p of [CLEAN_1, CLEAN_2, CLEAN_3]) {
    const s = casingCorruption(words(p))
    assert.ok(s < 0.1, `${s.toFixed(3)} for: ${p.slice(0, 50)}`)
  }
  assert.ok(casingCorruption(words(SPUN_TITLE)) > 3 * casingCorruption(words(CLEAN_1)))
  // lowercased names are corruption too
  const lowered = casingCorruption(words('we met the mayor in chicago and then flew to illinois and texas with john'))
  assert.ok(lowered > 0.15, String(lowered))
  assert.ok(casingCorruption([]) < 0.05)
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

test('withCasePattern and applyCase', () => {
  for (const w of ['police', 'Police', 'POLICE', 'McDonald', 'iPhone', 'U.S.', "O'Brien", 'Trump’s', 'Chicago-based']) {
    const p = casePattern(w)
    assert.equal(withCasePattern(w.toLowerCase(), p, w), w, w)
    assert.equal(withCasePattern(w.toUpperCase(), p, w), w, w)
  }
  assert.equal(withCasePattern('bureau', 'title'), 'Bureau')
  assert.equal(withCasePattern('BUREAU', 'lower'), 'bureau')
  assert.equal(withCasePattern('bureau', 'upper'), 'BUREAU')
  assert.equal(withCasePattern('bureau', 'mixed'), 'bureau')
  assert.equal(withCasePattern('“bureau', 'title'), '“Bureau')
  assert.equal(applyCase('chicagoans', 'Chicago'), 'Chicagoans')
  assert.equal(applyCase('mcdonalds', 'McDonald'), 'McDonalds')
  assert.equal(applyCase('Police', 'police'), 'police')
  assert.equal(applyCase('fbi', 'FBI'), 'FBI')
  // restoring a corrupted word with the model's form
  const m = defaultCasing()
  assert.equal(applyCase('AUTHORITIES', m.preferred('AUTHORITIES').form), 'authorities')
})

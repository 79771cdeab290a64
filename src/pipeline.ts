/**
 * The pipeline, in one place: retext-english parses, the passes propose and apply changes in
 * order, retext-stringify writes the tree back. Text no pass touched comes out byte for byte.
 */
import retextEnglish from 'retext-english'
import retextStringify from 'retext-stringify'
import {unified, type Processor} from 'unified'
import type {Root} from 'nlcst'
import {defaultCasing} from './lang/casing.js'
import {defaultModel} from './lang/lm.js'
import {BUNDLED_DICTIONARIES, PhraseDictionary} from './lang/phrases.js'
import {defaultSpeller, defaultWordList} from './lang/speller.js'
import {defaultThesaurus} from './lang/thesaurus.js'
import {defaultTopics} from './lang/topics.js'
import {defaultWordOrigins} from './lang/origins.js'
import casing from './passes/casing.js'
import context from './passes/context.js'
import phrases from './passes/phrases.js'
import spelling from './passes/spelling.js'
import type {RestoreOptions} from './types.js'
import type {Calibration, Policy} from './changes.js'
import {readFileSync} from 'node:fs'

/** The per-pass calibration fitted by scripts/calibrate.mjs. */
export function bundledCalibration(): Calibration {
  return JSON.parse(readFileSync(new URL('../corpus/calibration.json', import.meta.url), 'utf8')).passes
}

/** The passes, in the order they run. */
export const PASSES = ['spelling', 'phrases', 'context', 'casing'] as const
export type PassName = (typeof PASSES)[number]

export const DEFAULT_MIN_CONFIDENCE = 0.6

export interface Settings extends Policy {
  passes: PassName[]
  dictionaries: string[]
}

/** Options with every default filled in; bad values throw a TypeError naming the option. */
export function settingsOf(options: RestoreOptions = {}): Settings {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE
  if (!(minConfidence >= 0 && minConfidence <= 1)) {
    throw new TypeError(`minConfidence must be a number in 0..1, got ${options.minConfidence}`)
  }
  const passes = [...(options.passes ?? PASSES)]
  const unknown = passes.filter((pass) => !(PASSES as readonly string[]).includes(pass))
  if (unknown.length > 0) throw new TypeError(`passes: unknown pass ${unknown.join(', ')} (known: ${PASSES.join(', ')})`)
  if (passes.length === 0) throw new TypeError(`passes: name at least one of ${PASSES.join(', ')}`)
  return {
    minConfidence,
    calibration: options.calibration ?? bundledCalibration(),
    passes: PASSES.filter((pass) => passes.includes(pass)),
    dictionaries: [...(options.bundledDictionaries === false ? [] : BUNDLED_DICTIONARIES), ...(options.dictionaries ?? [])]
  }
}

/**
 * A unified processor running `passes` (default: the settings' passes) between retext-english
 * and retext-stringify. Build it once; reuse it for every file of a run.
 */
export function createProcessor(settings: Settings, passes: readonly PassName[] = settings.passes): Processor<Root, Root, Root, Root, string> {
  const policy: Policy = {minConfidence: settings.minConfidence, calibration: settings.calibration}
  const on = (pass: PassName) => passes.includes(pass)
  const processor = unified().use(retextEnglish) as unknown as Processor<Root, Root, Root, Root, string>
  if (on('spelling')) processor.use(spelling, {model: defaultModel(), speller: defaultSpeller(), words: defaultWordList(), thesaurus: defaultThesaurus(), policy})
  if (on('phrases')) processor.use(phrases, {dictionary: dictionaryOf(settings), policy})
  if (on('context')) processor.use(context, {model: defaultModel(), thesaurus: defaultThesaurus(), casing: defaultCasing(), dictionary: dictionaryOf(settings), topics: defaultTopics(), wordOrigins: defaultWordOrigins(), policy})
  if (on('casing')) processor.use(casing, {casing: defaultCasing(), policy})
  return processor.use(retextStringify).freeze() as unknown as Processor<Root, Root, Root, Root, string>
}

/** The settings' phrase dictionaries, read once for all the processors built from them. */
const dictionaries = new WeakMap<Settings, PhraseDictionary>()
function dictionaryOf(settings: Settings): PhraseDictionary {
  let dictionary = dictionaries.get(settings)
  if (!dictionary) dictionaries.set(settings, (dictionary = PhraseDictionary.load(settings.dictionaries)))
  return dictionary
}

/**
 * Learning a spinner from its output alone. Real spinners are consistent: a word gets the same
 * "synonym" in every document they touch. So the restorer is run over many spun documents,
 * every substitution its context pass proposes (applied or not) is collected, and a pair
 * `spun -> original` proposed again and again, in many documents, is taken for one of the
 * spinner's rules and written as a phrase-dictionary row (src/lang/phrases.ts).
 *
 * Documents are restored with `minConfidence: 1`: nothing is applied, every proposal is reported
 * with the context pass's own posterior. Applying changes would let a later pass's change on the
 * same words (casing) merge into the report with both confidences multiplied, and would make
 * what one pass proposes depend on what an earlier one applied; on the evaluation corpus
 * (scripts/eval-learn.mjs) the default 0.6 gave the same pairs within noise.
 *
 * For each pair:
 * - support: the documents where it was proposed (and the proposals in all);
 * - meanConfidence: the mean of the proposals' confidences (calibrated posteriors). A mean, not
 *   a noisy-OR: the proposals are not independent evidence (the same model makes the same
 *   mistake in every document), so a noisy-OR of twenty 0.3s would call a systematic mistake
 *   certain. Repetition counts through `support` instead;
 * - coverage: the share of the spun phrase's occurrences in the documents where the pair was
 *   proposed. A row is applied at every occurrence of its phrase, so a pair proposed at 3 of
 *   60 occurrences of "have" would do more harm than good;
 * - agreement: the share of the proposals for the spun phrase that name this original (a
 *   dictionary holds one original per spun phrase: the best one is kept).
 * `confidence` = meanConfidence x min(1, coverage / FULL_COVERAGE) is the estimate that
 * replacing an occurrence of the phrase is right; it is the row's weight, and rows are kept
 * from `minSupport` documents and `minConfidence` on.
 */
import {basename} from 'node:path'
import {dictionaryHeader, dictionaryRow} from './align.js'
import {Restorer} from './restore.js'
import type {Change, RestoreOptions, RestoreResult} from './types.js'

export const DEFAULT_MIN_SUPPORT = 3
export const DEFAULT_MIN_CONFIDENCE = 0.5
/** The share of a phrase's occurrences from which a pair counts as fully covering it (the context pass misses some). */
export const FULL_COVERAGE = 0.5
/** Longest phrase counted, in words (the context pass looks at runs of up to four). */
const MAX_PHRASE_WORDS = 6

export interface LearnedPair {
  /** The spun phrase, lowercase. */
  spun: string
  /** The original the restorer proposed for it, lowercase. */
  original: string
  /** Documents where the pair was proposed. */
  documents: number
  /** Proposals in all. */
  occurrences: number
  /** Mean confidence of the proposals. */
  meanConfidence: number
  /** Occurrences of the spun phrase in all documents, proposed or not. */
  seen: number
  /** occurrences / seen. */
  coverage: number
  /** Share of the proposals for the spun phrase that name this original. */
  agreement: number
  /** The estimate that replacing an occurrence of the phrase by the original is right; the row's weight. */
  confidence: number
}

export interface LearnerOptions {
  /** How documents are restored (default: a Restorer with default passes and `minConfidence: 1`). */
  restorer?: {restore(text: string): RestoreResult}
  /** Options for the default Restorer (`minConfidence` defaults to 1 there: nothing applied, all reported). */
  restoreOptions?: RestoreOptions
}

export interface SelectOptions {
  minSupport?: number
  minConfidence?: number
}

interface Tally {
  documents: number
  lastDocument: number
  occurrences: number
  confidenceSum: number
}

/** Words (with inner hyphens, apostrophes, dots) of a text, lowercase; null where punctuation or a line break cuts. */
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:[-'’.][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]+|\r?\n/gu
const WORD = /^[\p{L}\p{N}\p{M}]/u

/** A phrase as dictionaries hold it: lowercase, straight apostrophes, single spaces. */
export function normalPhrase(text: string): string {
  return text.toLowerCase().replace(/[’‘]/g, "'").trim().split(/\s+/).join(' ')
}

/**
 * Collects the context pass's proposals over documents and aggregates them into pairs. Feed it
 * documents with `add` (restores them) or `addChanges` (changes of a restore run elsewhere).
 */
export class Learner {
  /** spun -> original -> tally */
  private readonly tallies = new Map<string, Map<string, Tally>>()
  /** Each document's words, lowercase, joined by spaces; `\n` where punctuation or a line break cuts. */
  private readonly texts: string[] = []
  private restorer?: {restore(text: string): RestoreResult}
  documents = 0
  words = 0
  proposals = 0

  constructor(private readonly options: LearnerOptions = {}) {
    this.restorer = options.restorer
  }

  /** Restore one document and record what the context pass proposed. */
  add(text: string): RestoreResult {
    this.restorer ??= new Restorer({...this.options.restoreOptions, minConfidence: this.options.restoreOptions?.minConfidence ?? 1})
    const result = this.restorer.restore(text)
    this.addChanges(text, result.changes)
    return result
  }

  /** Record one document's changes (from `restore(text)` run elsewhere). */
  addChanges(text: string, changes: readonly Change[]): void {
    const document = this.documents++
    const words: string[] = []
    for (const match of text.matchAll(TOKEN)) {
      if (WORD.test(match[0])) {
        words.push(match[0].toLowerCase().replace(/’/g, "'"))
        this.words++
      } else if (words.at(-1) !== '\n') words.push('\n')
    }
    this.texts.push(words.join(' '))
    for (const change of changes) {
      if (change.pass !== 'context') continue
      const spun = normalPhrase(change.from)
      const original = normalPhrase(change.to)
      if (spun === '' || original === '' || spun === original) continue
      this.proposals++
      let byOriginal = this.tallies.get(spun)
      if (!byOriginal) this.tallies.set(spun, (byOriginal = new Map()))
      let tally = byOriginal.get(original)
      if (!tally) byOriginal.set(original, (tally = {documents: 0, lastDocument: -1, occurrences: 0, confidenceSum: 0}))
      if (tally.lastDocument !== document) {
        tally.documents++
        tally.lastDocument = document
      }
      tally.occurrences++
      tally.confidenceSum += change.confidence
    }
  }

  /** Every spun phrase's best original, with its figures, best first (no thresholds). */
  candidates(): LearnedPair[] {
    const seen = this.occurrencesOf([...this.tallies.keys()])
    const pairs: LearnedPair[] = []
    for (const [spun, byOriginal] of this.tallies) {
      let all = 0
      for (const tally of byOriginal.values()) all += tally.occurrences
      const ranked = [...byOriginal].sort(
        ([a, x], [b, y]) => y.documents - x.documents || y.confidenceSum - x.confidenceSum || a.localeCompare(b)
      )
      const [original, tally] = ranked[0]
      const meanConfidence = tally.confidenceSum / tally.occurrences
      const count = Math.max(seen.get(spun) ?? 0, tally.occurrences)
      const coverage = tally.occurrences / count
      pairs.push({
        spun,
        original,
        documents: tally.documents,
        occurrences: tally.occurrences,
        meanConfidence: round(meanConfidence),
        seen: count,
        coverage: round(coverage),
        agreement: round(tally.occurrences / all),
        confidence: round(meanConfidence * Math.min(1, coverage / FULL_COVERAGE))
      })
    }
    return pairs.sort(byStrength)
  }

  /** The pairs kept: from `minSupport` documents and `minConfidence` on, best first. */
  pairs(options: SelectOptions = {}): LearnedPair[] {
    return selectPairs(this.candidates(), options)
  }

  /** How often each phrase occurs in the documents (within a sentence, as the phrases pass matches). */
  private occurrencesOf(phrases: readonly string[]): Map<string, number> {
    const counts = new Map<string, number>()
    const wanted = new Set(phrases.filter((phrase) => phrase.split(' ').length <= MAX_PHRASE_WORDS))
    if (wanted.size === 0) return counts
    const lengths = [...new Set([...wanted].map((phrase) => phrase.split(' ').length))]
    for (const text of this.texts) {
      const words = text.split(' ')
      for (let i = 0; i < words.length; i++) {
        for (const n of lengths) {
          if (i + n > words.length) continue
          const slice = words.slice(i, i + n)
          if (slice.includes('\n')) continue
          const phrase = slice.join(' ')
          if (wanted.has(phrase)) counts.set(phrase, (counts.get(phrase) ?? 0) + 1)
        }
      }
    }
    return counts
  }
}

export function selectPairs(candidates: readonly LearnedPair[], options: SelectOptions = {}): LearnedPair[] {
  const minSupport = options.minSupport ?? DEFAULT_MIN_SUPPORT
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE
  return candidates.filter((pair) => pair.documents >= minSupport && pair.confidence >= minConfidence).sort(byStrength)
}

/** Best first: more documents, then more confident, then alphabetical. */
function byStrength(a: LearnedPair, b: LearnedPair): number {
  return b.documents - a.documents || b.confidence - a.confidence || b.occurrences - a.occurrences || a.spun.localeCompare(b.spun)
}

/** A learned pair as a dictionary row (the weight at least 0.001, as rows need). */
export function learnedRow(pair: LearnedPair): string {
  const source = `learn: ${pair.documents} ${pair.documents === 1 ? 'document' : 'documents'}, ${pair.occurrences} ${pair.occurrences === 1 ? 'time' : 'times'}`
  return dictionaryRow(pair.spun, pair.original, Math.max(0.001, pair.confidence), source)
}

/** The whole dictionary file for learned pairs. */
export function learnedDictionary(pairs: readonly LearnedPair[], about: {documents: number; paths?: readonly string[]; minSupport: number; minConfidence: number}): string {
  const inputs = about.paths && about.paths.length > 0 ? ` from ${about.paths.map((path) => basename(path)).slice(0, 5).join(', ')}${about.paths.length > 5 ? ', ...' : ''}` : ''
  const header = dictionaryHeader([
    `unspin learn: ${pairs.length} pairs mined from ${about.documents} spun documents${inputs}`,
    `kept from ${about.minSupport} documents and confidence ${about.minConfidence} on; columns: spun, original, weight, source`
  ])
  return header + pairs.map((pair) => learnedRow(pair) + '\n').join('')
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

/**
 * Spelling: words that neither the hunspell dictionary (nspell + dictionary-en, the engine of
 * retext-spell), SCOWL's larger word list, the thesaurus nor the language model know get the
 * model's words one edit away as candidates, ranked by the model in context (nspell's own
 * suggestions take milliseconds a word and would dominate the run). Names are the main risk, so a
 * word that recurs in the document, carries a capital in well-cased text, or has no clearly better
 * candidate is left alone or only reported.
 */
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {commit, type Policy, type Proposal} from '../changes.js'
import type {NgramModel} from '../lang/lm.js'
import {idsOf, windowScore} from '../lang/score.js'
import type {Speller} from '../lang/speller.js'
import type {Thesaurus} from '../lang/thesaurus.js'
import {matchCasing} from '../text/case.js'
import {sentencesOf, tokensOf, type Token} from '../text/sentence.js'
import {documentStats} from '../text/document.js'

export interface SpellingOptions {
  model: NgramModel
  speller: Speller
  /** A larger list of English words: rare ones ("preprocessing", "densify") are no typos either. */
  words: Speller
  thesaurus: Thesaurus
  policy: Policy
}


export default function spelling(options: SpellingOptions) {
  const {model, speller, words, thesaurus, policy} = options
  // The model's vocabulary holds common misspellings too ("goverment"), so it does not count here.
  const knownWord = (word: string) => thesaurus.has(word) || thesaurus.lemmas(word).length > 0 || speller.correct(word) || words.correct(word)
  // A hyphenated word whose parts are all words is a word too, as retext-spell reads it, and so
  // are a word's spellings with accents or a hyphen ("naïve", "pre-existing").
  const known = (token: Token) =>
    speller.correct(token.text) || token.lower.split('-').every((part) => part === '' || knownWord(part)) || knownWord(plainSpelling(token.lower))
  // Dictionary words one edit away, by word: names and typos recur across a batch.
  const cache = new Map<string, string[]>()
  const corrections = (word: string): string[] => {
    let found = cache.get(word)
    if (!found) {
      found = oneEditAway(word).filter((candidate) => model.has(candidate) && knownWord(candidate))
      if (cache.size >= CORRECTION_CACHE_SIZE) cache.delete(cache.keys().next().value as string)
      cache.set(word, found)
    }
    return found
  }
  return function (tree: Root, file: VFile): void {
    const stats = documentStats(file, tree)
    // A term the dictionary lacks recurs in its forms ("detainer requests", "these detainers"),
    // while a typo's other form is a word ("Becauses", "because"): only unknown forms count.
    const occurrences = (word: string) => {
      const other = word.endsWith('s') ? word.slice(0, -1) : `${word}s`
      return stats.count(word) + (knownWord(other) ? 0 : stats.count(other))
    }
    sentencesOf(tree).forEach((sentence) => {
      const tokens = tokensOf(sentence)
      const proposals: Proposal[] = []
      tokens.forEach((token, i) => {
        if (!suspicious(token) || stats.acronyms.has(token.lower) || known(token)) return
        const proposal = bestCorrection(tokens, i, model, corrections(token.lower), stats.casingCorrupted, occurrences(token.lower))
        if (proposal) proposals.push(proposal)
      })
      commit(file, sentence, tokens, 'spelling', proposals, policy)
    })
  }
}

/** A word without its accents and hyphens: "naïve" -> "naive", "pre-existing" -> "preexisting". */
function plainSpelling(word: string): string {
  return word.normalize('NFD').replace(/[\u0300-\u036f-]/g, '')
}

/**
 * A word-like token: letters, apostrophes and hyphens, four letters or more, and no acronym's
 * plural ("CPDs": writers make it, a scrambler would write "Cpds" or "CPDS").
 */
function suspicious(token: Token): boolean {
  return token.text.length >= 4 && /^[\p{L}'-]+$/u.test(token.text) && !ACRONYM_PLURAL.test(token.text)
}

const ACRONYM_PLURAL = /^\p{Lu}{2,}['’]?s$/u

const CORRECTION_CACHE_SIZE = 20_000

/** log10 advantage the word as written has over its corrections: most unknown words are names. */
const KEEP_BONUS = 1.5

/**
 * The dictionary words one edit away, ranked by the model in context; the word as written
 * competes too when the model knows it (a name, or a common misspelling).
 */
function bestCorrection(tokens: Token[], i: number, model: NgramModel, candidates: string[], casingCorrupted: boolean, occurrences: number): Proposal | undefined {
  const token = tokens[i]
  if (candidates.length === 0) return undefined
  const left = [model.bos, ...idsOf(model, tokens.slice(Math.max(0, i - 2), i).map((t) => t.lower))]
  const right = idsOf(model, tokens.slice(i + 1, i + 3).map((t) => t.lower))
  const scoreOf = (word: string) => windowScore(model, left, idsOf(model, [word]), right)
  const scored = candidates.map((candidate) => ({candidate, score: scoreOf(candidate)})).sort((a, b) => b.score - a.score)
  const [best, second] = scored
  const keep = model.has(token.lower) ? scoreOf(token.lower) + KEEP_BONUS : -Infinity
  if (best.score <= keep) return undefined
  const margin = best.score - Math.max(second ? second.score : best.score - 1, keep)
  const confidence = correctionConfidence(margin, occurrences, casingCorrupted, token.text)
  return {
    first: i,
    last: i,
    to: matchCasing(token.text, best.candidate),
    rule: 'typo',
    origin: 'nspell + dictionary-en, ranked by the language model',
    confidence
  }
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz'"

/** Every string one edit (delete, swap of neighbours, substitute, insert) away from `word`. */
export function oneEditAway(word: string): string[] {
  const found = new Set<string>()
  for (let i = 0; i <= word.length; i++) {
    const [head, tail] = [word.slice(0, i), word.slice(i)]
    if (tail) found.add(head + tail.slice(1))
    if (tail.length > 1) found.add(head + tail[1] + tail[0] + tail.slice(2))
    for (const letter of LETTERS) {
      if (tail) found.add(head + letter + tail.slice(1))
      found.add(head + letter + tail)
    }
  }
  found.delete(word)
  return [...found]
}

/**
 * Probability that the top candidate is right. A word that recurs is more likely a name or a
 * term than a typo, and so is a capitalised word in well-cased text. Only a capitalised word
 * recurring counts in text whose casing a machine scrambled: such text had its typos made by
 * the same machine, which repeats them ("gioven" for every "given").
 * A clear margin over the runner-up helps.
 */
function correctionConfidence(margin: number, occurrences: number, casingCorrupted: boolean, written: string): number {
  const capitalised = /^\p{Lu}/u.test(written)
  let logit = 0.5 + Math.min(margin, 3)
  if (occurrences > 1 && (capitalised || !casingCorrupted)) logit -= 1.5 * Math.min(occurrences - 1, 3)
  if (capitalised && !casingCorrupted) logit -= 3
  return 1 / (1 + Math.exp(-logit))
}

/**
 * Spelling: words that neither the hunspell dictionary (nspell + dictionary-en, the engine of
 * retext-spell) nor the language model know get nspell's suggestions, ranked by the model in
 * context. Names are the main risk, so a word that recurs in the document, carries a capital
 * in well-cased text, or has no clearly better candidate is left alone or only reported.
 */
import type {Root, Sentence} from 'nlcst'
import type {VFile} from 'vfile'
import {visit} from 'unist-util-visit'
import {commit, type Policy, type Proposal} from '../changes.js'
import type {NgramModel} from '../lang/lm.js'
import {idsOf, windowScore} from '../lang/score.js'
import type {Speller} from '../lang/speller.js'
import type {Thesaurus} from '../lang/thesaurus.js'
import {matchCasing} from '../text/case.js'
import {tokensOf, type Token} from '../text/sentence.js'
import {documentStats, type DocumentStats} from '../text/document.js'

export interface SpellingOptions {
  model: NgramModel
  speller: Speller
  thesaurus: Thesaurus
  policy: Policy
}

/** Suggestions asked of nspell per document at most: nspell takes milliseconds per word. */
export const SUGGESTION_BUDGET = 400

export default function spelling(options: SpellingOptions) {
  const {model, speller, thesaurus, policy} = options
  const knownWord = (word: string) => model.has(word) || thesaurus.has(word) || thesaurus.lemmas(word).length > 0 || speller.correct(word)
  // A hyphenated word whose parts are all words is a word too, as retext-spell reads it.
  const known = (token: Token) => speller.correct(token.text) || token.lower.split('-').every((part) => part === '' || knownWord(part))
  return function (tree: Root, file: VFile): void {
    const stats = documentStats(file, tree)
    let budget = SUGGESTION_BUDGET
    visit(tree, 'SentenceNode', (sentence: Sentence) => {
      const tokens = tokensOf(sentence)
      const proposals: Proposal[] = []
      tokens.forEach((token, i) => {
        if (!suspicious(token) || stats.acronyms.has(token.lower) || known(token) || budget-- <= 0) return
        const proposal = bestCorrection(tokens, i, model, speller, stats)
        if (proposal) proposals.push(proposal)
      })
      commit(file, sentence, tokens, 'spelling', proposals, policy)
    })
  }
}

/** A word-like token: letters, apostrophes and hyphens, four letters or more. */
function suspicious(token: Token): boolean {
  return token.text.length >= 4 && /^[\p{L}'-]+$/u.test(token.text)
}

function bestCorrection(tokens: Token[], i: number, model: NgramModel, speller: Speller, stats: DocumentStats): Proposal | undefined {
  const token = tokens[i]
  const candidates = speller.suggest(token.lower).filter((c) => model.has(c.toLowerCase()) && !/[\s-]/.test(c))
  if (candidates.length === 0) return undefined
  const left = [model.bos, ...idsOf(model, tokens.slice(Math.max(0, i - 2), i).map((t) => t.lower))]
  const right = idsOf(model, tokens.slice(i + 1, i + 3).map((t) => t.lower))
  const scored = candidates
    .map((candidate) => ({candidate, score: windowScore(model, left, idsOf(model, [candidate.toLowerCase()]), right)}))
    .sort((a, b) => b.score - a.score)
  const [best, second] = scored
  const margin = second ? best.score - second.score : 1
  const distance = editDistance(token.lower, best.candidate.toLowerCase())
  const confidence = correctionConfidence(margin, distance, stats.count(token.lower), stats.casingCorrupted, token.text)
  return {
    first: i,
    last: i,
    to: matchCasing(token.text, best.candidate),
    rule: 'typo',
    origin: 'nspell + dictionary-en, ranked by the language model',
    confidence
  }
}

/** Edits (insert, delete, substitute, swap two neighbours) between two words. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({length: a.length + 1}, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) rows[0][j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1)
    }
  }
  return rows[a.length][b.length]
}

/**
 * Probability that the top candidate is right. A recurring word or a capitalised word in
 * well-cased text is more likely a name than a typo; a clear margin over the runner-up helps.
 */
function correctionConfidence(margin: number, distance: number, occurrences: number, casingCorrupted: boolean, written: string): number {
  let logit = 0.5 + Math.min(margin, 3) - 1.5 * (distance - 1)
  if (occurrences > 1) logit -= 1.5 * Math.min(occurrences - 1, 3)
  if (!casingCorrupted && /^\p{Lu}/u.test(written)) logit -= 3
  return 1 / (1 + Math.exp(-logit))
}

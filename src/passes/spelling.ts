/**
 * Spelling: words that neither the hunspell dictionary (nspell + dictionary-en, the engine of
 * retext-spell) nor the language model know get nspell's suggestions, ranked by the model in
 * context. Names are the main risk, so a word that recurs in the document, carries a capital
 * in well-cased text, or has no clearly better candidate is left alone or only reported.
 */
import type {Root, Sentence} from 'nlcst'
import type {VFile} from 'vfile'
import {visit} from 'unist-util-visit'
import {commit, type Proposal} from '../changes.js'
import type {NgramModel} from '../lang/lm.js'
import {idsOf, windowScore} from '../lang/score.js'
import type {Speller} from '../lang/speller.js'
import {matchCasing} from '../text/case.js'
import {tokensOf, type Token} from '../text/sentence.js'
import {documentStats, type DocumentStats} from '../text/document.js'

export interface SpellingOptions {
  model: NgramModel
  speller: Speller
  minConfidence: number
}

/** Suggestions asked of nspell per document at most: nspell takes milliseconds per word. */
export const SUGGESTION_BUDGET = 400

export default function spelling(options: SpellingOptions) {
  const {model, speller, minConfidence} = options
  return function (tree: Root, file: VFile): void {
    const stats = documentStats(file, tree)
    let budget = SUGGESTION_BUDGET
    visit(tree, 'SentenceNode', (sentence: Sentence) => {
      const tokens = tokensOf(sentence)
      const proposals: Proposal[] = []
      tokens.forEach((token, i) => {
        if (!suspicious(token, model, speller) || budget-- <= 0) return
        const proposal = bestCorrection(tokens, i, model, speller, stats)
        if (proposal) proposals.push(proposal)
      })
      commit(file, sentence, tokens, 'spelling', proposals, minConfidence)
    })
  }
}

function suspicious(token: Token, model: NgramModel, speller: Speller): boolean {
  const word = token.text
  if (word.length < 3 || /[\d_@/]/.test(word) || !/^[\p{L}'-]+$/u.test(word)) return false
  return !model.has(token.lower) && !speller.correct(word) && !speller.correct(token.lower)
}

function bestCorrection(tokens: Token[], i: number, model: NgramModel, speller: Speller, stats: DocumentStats): Proposal | undefined {
  const token = tokens[i]
  const candidates = speller.suggest(token.lower).filter((c) => model.has(c.toLowerCase()) && !c.includes(' '))
  if (candidates.length === 0) return undefined
  const left = [model.bos, ...idsOf(model, tokens.slice(Math.max(0, i - 2), i).map((t) => t.lower))]
  const right = idsOf(model, tokens.slice(i + 1, i + 3).map((t) => t.lower))
  const scored = candidates
    .map((candidate) => ({candidate, score: windowScore(model, left, idsOf(model, [candidate.toLowerCase()]), right)}))
    .sort((a, b) => b.score - a.score)
  const [best, second] = scored
  const margin = second ? best.score - second.score : 2
  const confidence = correctionConfidence(margin, stats.count(token.lower), stats.casingCorrupted, token.text)
  return {
    first: i,
    last: i,
    to: matchCasing(token.text, best.candidate),
    rule: 'typo',
    origin: 'nspell + dictionary-en, ranked by the language model',
    confidence
  }
}

/**
 * Probability that the top candidate is right. A recurring word or a capitalised word in
 * well-cased text is more likely a name than a typo; a clear margin over the runner-up helps.
 */
function correctionConfidence(margin: number, occurrences: number, casingCorrupted: boolean, written: string): number {
  let logit = -0.5 + 1.2 * Math.min(margin, 3)
  if (occurrences > 1) logit -= 1.5 * Math.min(occurrences - 1, 3)
  if (!casingCorrupted && /^\p{Lu}/u.test(written)) logit -= 3
  return 1 / (1 + Math.exp(-logit))
}

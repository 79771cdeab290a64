/**
 * Truecasing: when a document's casing is corrupted (most words Title Cased, runs of CAPS),
 * write each word the way English text writes it mid-sentence, by a casing model learned from
 * cased corpora, with a capital at the start of each sentence. Words the document itself writes
 * as acronyms (an isolated `ICE`) stay in capitals; unknown capitalised words are taken for
 * names and kept. Well-cased documents are left alone.
 */
import type {Root, Sentence} from 'nlcst'
import type {VFile} from 'vfile'
import {visit} from 'unist-util-visit'
import {commit, type Policy, type Proposal} from '../changes.js'
import type {CasingModel} from '../lang/casing.js'
import {capitalize, casePattern} from '../text/case.js'
import {documentStats, type DocumentStats} from '../text/document.js'
import {joined, tokensOf, type Token} from '../text/sentence.js'

export interface CasingOptions {
  casing: CasingModel
  policy: Policy
}

export default function casing(options: CasingOptions) {
  const {casing: model, policy} = options
  return function (tree: Root, file: VFile): void {
    const stats = documentStats(file, tree)
    if (!stats.casingCorrupted) return
    const corruption = 1 / (1 + Math.exp(-20 * (stats.capitalisedShare - 0.35)))
    visit(tree, 'SentenceNode', (sentence: Sentence) => {
      const tokens = tokensOf(sentence)
      const names = namesIn(sentence, tokens, model)
      const proposals: Proposal[] = []
      tokens.forEach((token, i) => {
        const choice = names.get(i) ?? truecase(token, i === 0 || opensQuote(sentence, token), model, stats)
        if (!choice || choice.form === token.text) return
        proposals.push({first: i, last: i, to: choice.form, rule: 'truecase', origin: choice.origin, confidence: corruption * choice.probability})
      })
      commit(file, sentence, tokens, 'casing', proposals, policy)
    })
  }
}

interface Choice {
  form: string
  probability: number
  origin: string
}

function truecase(token: Token, initial: boolean, model: CasingModel, stats: DocumentStats): Choice | undefined {
  const pattern = casePattern(token.text)
  if (!/\p{L}/u.test(token.text) || pattern === 'mixed') return undefined
  if (stats.acronyms.has(token.lower)) {
    return {form: token.text.toUpperCase(), probability: 0.9, origin: 'written as an acronym elsewhere in the document'}
  }
  if (!model.isKnown(token.lower)) return undefined // most likely a name: keep as written
  // Outside multi-word names ("Cook County") most words are lowercase; corrupted casing hides
  // which words form names, so each word is taken on its own.
  const {form, probability} = model.standalone(token.lower)
  const written = initial ? capitalize(form) : form
  return {form: written, probability, origin: 'casing model (corpus/casing)'}
}

/**
 * Words that stand in a pair English writes capitalized together ("White House", "Police
 * Department"), and the Title Case they take there.
 */
function namesIn(sentence: Sentence, tokens: Token[], model: CasingModel): Map<number, Choice> {
  const found = new Map<number, Choice>()
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!joined(sentence, tokens[i], tokens[i + 1])) continue
    const name = model.name(tokens[i].lower, tokens[i + 1].lower.replace(/'s$/, ''))
    if (!name) continue
    for (const k of [i, i + 1]) {
      const known = found.get(k)
      if (!known || known.probability < name.probability) {
        const written = tokens[k].text
        const form = casePattern(written) === 'upper' && written.length <= 3 ? written : capitalize(written.toLowerCase())
        found.set(k, {form, probability: name.probability, origin: 'casing model: a name (corpus/casing)'})
      }
    }
  }
  return found
}

/** A word right after a sentence-opening quote mark counts as sentence-initial. */
function opensQuote(sentence: Sentence, token: Token): boolean {
  const before = sentence.children.slice(0, token.index)
  return before.length > 0 && before.every((node) => node.type === 'PunctuationNode' || node.type === 'WhiteSpaceNode')
}

/**
 * Phrase substitution: known spun phrases from dictionaries in `corpus/phrases/` and the
 * user's `--dict` files, matched case-insensitively, longest first, within a sentence.
 */
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {commit, type Policy, type Proposal} from '../changes.js'
import type {PhraseDictionary, PhraseEntry} from '../lang/phrases.js'
import {matchCasing} from '../text/case.js'
import {joined, sentencesOf, spanText, tokensOf, type Token} from '../text/sentence.js'
import type {Sentence} from 'nlcst'

export interface PhrasesOptions {
  dictionary: PhraseDictionary
  policy: Policy
}

export default function phrases(options: PhrasesOptions) {
  const {dictionary, policy} = options
  return function (tree: Root, file: VFile): void {
    const documentText = String(file.value).toLowerCase()
    const applies = (entry: PhraseEntry) =>
      entry.required.every((phrase) => documentText.includes(phrase)) &&
      !entry.forbidden.some((phrase) => documentText.includes(phrase))
    sentencesOf(tree).forEach((sentence) => {
      const tokens = tokensOf(sentence)
      const proposals: Proposal[] = []
      for (let first = 0; first < tokens.length; first++) {
        const entry = dictionary.startingWith(tokens[first].lower).find((e) => matches(sentence, tokens, first, e) && applies(e))
        if (!entry) continue
        const last = first + entry.words.length - 1
        proposals.push({
          first,
          last,
          to: matchCasing(spanText(sentence, tokens, first, last), entry.original),
          rule: entry.words.join('-'),
          origin: entry.source,
          confidence: entry.weight
        })
        first = last
      }
      commit(file, sentence, tokens, 'phrases', proposals, policy)
    })
  }
}

function matches(sentence: Sentence, tokens: Token[], first: number, entry: PhraseEntry): boolean {
  const last = first + entry.words.length - 1
  if (last >= tokens.length) return false
  for (let i = first; i <= last; i++) {
    if (tokens[i].lower !== entry.words[i - first]) return false
    if (i > first && !joined(sentence, tokens[i - 1], tokens[i])) return false
  }
  return true
}

/**
 * Facts about the whole document (one unified file) that passes weigh their decisions by:
 * how often each word occurs, whether its casing looks corrupted, which words it writes as
 * acronyms. Computed once per file, on first use.
 */
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {casePattern} from './case.js'
import {sentencesOf, tokensOf, type Token} from './sentence.js'

export interface DocumentStats {
  count(lowerWord: string): number
  /**
   * How the document writes a word (possessive 's dropped) between two lowercase words: capitalised (Title Case or CAPS)
   * or not. Scrambled casing comes in runs, so only there does a capital say "name".
   */
  amidLowercase(lowerWord: string): {capitalised: number; lower: number}
  /** Share of all words between two lowercase words that are capitalised. */
  capitalisedAmidLowercase: number
  /** Share of words after the first of a sentence written Title Case or in CAPS. */
  capitalisedShare: number
  /** Whether that share is far above what well-cased English shows (names run about 0.1 to 0.25). */
  casingCorrupted: boolean
  /** Lowercase words the document writes in CAPS between words that are not (ICE, DHS), with how often. */
  acronyms: Map<string, number>
  /** Share of the document's words written so: how often it writes any word in isolated CAPS. */
  isolatedCapsShare: number
  words: number
}

export const CORRUPTED_CAPITALISED_SHARE = 0.45

declare module 'vfile' {
  interface DataMap {
    stats: DocumentStats
  }
}

export function documentStats(file: VFile, tree?: Root): DocumentStats {
  if (!file.data.stats) {
    if (!tree) throw new Error('documentStats: the tree is needed the first time')
    file.data.stats = collect(tree)
  }
  return file.data.stats
}

function collect(tree: Root): DocumentStats {
  const counts = new Map<string, number>()
  const amidLowercase = new Map<string, {capitalised: number; lower: number}>()
  let amid = 0
  let capitalisedAmid = 0
  const acronyms = new Map<string, number>()
  let isolatedCaps = 0
  let words = 0
  let later = 0
  let capitalised = 0
  sentencesOf(tree).forEach((sentence) => {
    const tokens = tokensOf(sentence)
    const patterns = tokens.map((t) => casePattern(t.text))
    tokens.forEach((token, i) => {
      words++
      counts.set(token.lower, (counts.get(token.lower) ?? 0) + 1)
      if (!/\p{L}/u.test(token.text)) return
      if (i > 0) {
        later++
        if (patterns[i] === 'title' || patterns[i] === 'upper') capitalised++
      }
      if (lowercaseWord(tokens[i - 1]) && lowercaseWord(tokens[i + 1])) {
        const word = token.lower.replace(/'s$/, '') // "Trump's" is evidence on "Trump"
        const seen = amidLowercase.get(word) ?? {capitalised: 0, lower: 0}
        amidLowercase.set(word, seen)
        amid++
        if (patterns[i] === 'lower') seen.lower++
        else {
          seen.capitalised++
          capitalisedAmid++
        }
      }
      const isolated = patterns[i - 1] !== 'upper' && patterns[i + 1] !== 'upper'
      if (patterns[i] === 'upper' && isolated && token.text.length <= 5) {
        acronyms.set(token.lower, (acronyms.get(token.lower) ?? 0) + 1)
        isolatedCaps++
      }
    })
  })
  const capitalisedShare = later === 0 ? 0 : capitalised / later
  return {
    count: (word) => counts.get(word) ?? 0,
    amidLowercase: (word) => amidLowercase.get(word) ?? {capitalised: 0, lower: 0},
    capitalisedAmidLowercase: amid === 0 ? 0 : capitalisedAmid / amid,
    capitalisedShare,
    casingCorrupted: later >= 8 && capitalisedShare >= CORRUPTED_CAPITALISED_SHARE,
    acronyms,
    isolatedCapsShare: words === 0 ? 0 : isolatedCaps / words,
    words
  }
}

function lowercaseWord(token: Token | undefined): boolean {
  return token !== undefined && /\p{L}/u.test(token.text) && token.text === token.lower
}

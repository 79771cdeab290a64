/**
 * Known terms (the phrase dictionaries' multi-word originals: "big data", "random forest") and the
 * spans a spinner could have made of them word by word: each word kept, swapped for one of its
 * synonyms (one thesaurus hop: further, clean text reads back too, "lung tumour" to "lung
 * cancer"), or for a word the dictionaries' rows put in its place ("colossal" for "big").
 */
import {Memo} from '../memo.js'
import type {PhraseDictionary} from './phrases.js'
import type {Thesaurus} from './thesaurus.js'

/** Terms longer than this are not read back (spans are shorter still). */
const MAX_TERM_WORDS = 15
/** Spun words whose places in terms are remembered. */
const PLACES_MEMO_SIZE = 20_000

export interface TermReading {
  term: string
  /** log10 P(the spinner wrote the span | the term), over the words it swapped. */
  channel: number
}

export class TermReader {
  /** Terms by the word they start with and each of its synonyms, then by length. */
  private readonly byFirst = new Map<string, string[][][]>()
  /** The lengths (bit 1 << length) of the terms that end in a word or one of its synonyms: most spans end in none. */
  private readonly lengthsByLast = new Map<string, number>()
  /** The synonyms of each word of a term: what a spinner could write for it. */
  private readonly spins = new Map<string, Set<string>>()
  /**
   * Per spun word, where it may stand in a term as it is, as a lemma or as a word the rows put in
   * its place: bit 1 << n where it may end a term of n words, 1 << (16 + n) where it may start one.
   */
  private readonly places = new Memo(PLACES_MEMO_SIZE, (word: string) => this.placesOf(word))

  /**
   * `keeps(word)`: the word is only ever kept (the commonest: "conveyance for" is no "delivery
   * of"); `stepScore`: log10 P(a spinner picked one synonym of a term with this many).
   */
  constructor(
    private readonly dictionary: PhraseDictionary,
    private readonly thesaurus: Thesaurus,
    private readonly keeps: (word: string) => boolean,
    private readonly stepScore: (fanout: number) => number
  ) {
    for (const term of dictionary.allTerms()) {
      if (term.length > MAX_TERM_WORDS) continue
      for (const word of this.spellings(term[term.length - 1])) this.lengthsByLast.set(word, (this.lengthsByLast.get(word) ?? 0) | (1 << term.length))
      for (const word of this.spellings(term[0])) {
        const byLength = this.byFirst.get(word) ?? []
        this.byFirst.set(word, byLength)
        ;(byLength[term.length] ??= []).push(term)
      }
    }
  }

  /** The terms a span of lowercase words reads back to, other than itself. */
  readBack(spun: readonly string[]): TermReading[] {
    const n = spun.length
    if ((this.places.get(spun[n - 1]) & (1 << n)) === 0 || (this.places.get(spun[0]) & (1 << (16 + n))) === 0) return []
    const terms = new Set(this.forms(spun[0]).flatMap((word) => this.byFirst.get(word)?.[n] ?? []))
    const found: TermReading[] = []
    for (const term of terms) {
      if (term.every((word, i) => word === spun[i])) continue
      const channel = this.termChannel(spun, term)
      if (!Number.isNaN(channel)) found.push({term: term.join(' '), channel})
    }
    return found
  }

  private placesOf(word: string): number {
    let places = 0
    for (const form of this.forms(word)) {
      places |= this.lengthsByLast.get(form) ?? 0
      this.byFirst.get(form)?.forEach((terms, n) => (places |= terms.length > 0 ? 1 << (16 + n) : 0))
    }
    return places
  }

  /** What a term's word is indexed by: itself, its synonyms, and theirs of its lemmas (see isSpin()). */
  private spellings(word: string): string[] {
    return [word, ...this.spinsOf(word), ...this.lemmasOf(word).flatMap((l) => [...this.spinsOf(l.lemma)])]
  }

  /** A spun word, its lemmas and the words the dictionaries' rows put in its place: what it is looked up by. */
  private forms(spun: string): string[] {
    return [spun, ...this.lemmasOf(spun).map((l) => l.lemma), ...this.dictionary.substitutionsOf(spun).map((s) => s.original)]
  }

  /** The sum of the words' channels, NaN as soon as one is (from the last word: most terms differ there). */
  private termChannel(spun: readonly string[], term: readonly string[]): number {
    let sum = 0
    for (let i = term.length - 1; i >= 0 && !Number.isNaN(sum); i--) sum += this.channel(spun[i], term[i])
    return sum
  }

  /** log10 P(a spinner wrote `spun` for the term's word `word`): 0 where kept, NaN where it could not have. */
  private channel(spun: string, word: string): number {
    if (spun === word) return 0
    const share = this.dictionary.substitutionsOf(spun).find((s) => s.original === word)?.share
    const synonym = this.isSpin(spun, word)
    if (share === undefined && !synonym) return NaN
    // a word's singular is no original of it: "hidden layers" is no spin of "hidden layer"
    if (this.keeps(spun) || this.lemmasOf(spun).some((l) => l.kind === 's' && l.lemma === word)) return NaN
    return Math.max(share === undefined ? -Infinity : Math.log10(share), synonym ? this.stepScore(this.thesaurus.fanout(word)) : -Infinity)
  }

  /** Whether `spun` is a synonym of `word`, or inflected alike, of its lemma ("studying" of "learning"). */
  private isSpin(spun: string, word: string): boolean {
    if (this.spinsOf(word).has(spun)) return true
    const lemmas = this.lemmasOf(word)
    return this.lemmasOf(spun).some((s) => lemmas.some((w) => w.kind === s.kind && this.spinsOf(w.lemma).has(s.lemma)))
  }

  private spinsOf(word: string): Set<string> {
    let spins = this.spins.get(word)
    if (!spins) this.spins.set(word, (spins = new Set(this.thesaurus.synonyms(word))))
    return spins
  }

  private lemmasOf(word: string) {
    return this.thesaurus.lemmas(word)
  }
}

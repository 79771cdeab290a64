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

/** Where a spun word may stand in a term (TermReader.placeOf()). */
interface Place {
  /** Bit 1 << n: it may end a term of n words. */
  ends: number
  /** The terms of n words it may start, at [n]. */
  starts: readonly (readonly string[][] | undefined)[]
}

const NO_STARTS: Place['starts'] = []

function addEnd<K>(lengths: Map<K, number>, key: K, term: string[]): void {
  lengths.set(key, (lengths.get(key) ?? 0) | (1 << term.length))
}

function addStart<K>(byLength: Map<K, string[][][]>, key: K, term: string[]): void {
  const terms = byLength.get(key) ?? []
  byLength.set(key, terms)
  ;(terms[term.length] ??= []).push(term)
}

export interface TermReading {
  term: string
  /** log10 P(the spinner wrote the span | the term), over the words it swapped. */
  channel: number
  /** The part of the channel that is the spinner-word prior of the words it swapped (see `spinnerWord`). */
  prior: number
}

/** One word's part of a reading's channel (NaN: the spinner could not have written it so), and of its prior. */
interface Step {
  channel: number
  prior: number
}

const KEPT: Step = {channel: 0, prior: 0}
const NO_SPIN: Step = {channel: NaN, prior: 0}

export class TermReader {
  /**
   * Terms by the word they start with, then by length: by its text, and by the thesaurus ids of
   * it and its lemmas ("learn" for "learning"), in maps of their own (a map of mixed keys is slower).
   */
  private readonly byFirstWord = new Map<string, string[][][]>()
  private readonly byFirstId = new Map<number, string[][][]>()
  /** The lengths (bit 1 << length) of the terms that end in a word, keyed alike: most spans end in none. */
  private readonly lengthsByLastWord = new Map<string, number>()
  private readonly lengthsByLastId = new Map<number, number>()
  /** The synonyms of each word of a term: what a spinner could write for it. */
  private readonly spins = new Map<string, Set<string>>()
  /** Per spun word, the terms it may start and the lengths of those it may end (see placeOf()). */
  private readonly places = new Memo(PLACES_MEMO_SIZE, (word: string) => this.placeOf(word))

  /**
   * `keeps(word)`: the word is only ever kept (the commonest: "conveyance for" is no "delivery
   * of"); `stepScore`: log10 P(a spinner picked one synonym of a term with this many);
   * `spinnerWord(word)`: the log10 prior a word the rows write for others gives the originals
   * they write it for (a spinner's word: "corrosive" for "acid").
   */
  constructor(
    private readonly dictionary: PhraseDictionary,
    private readonly thesaurus: Thesaurus,
    private readonly keeps: (word: string) => boolean,
    private readonly stepScore: (fanout: number) => number,
    private readonly spinnerWord: (word: string) => number = () => 0
  ) {
    for (const term of dictionary.allTerms()) {
      if (term.length > MAX_TERM_WORDS) continue
      const last = term[term.length - 1]
      addEnd(this.lengthsByLastWord, last, term)
      for (const id of this.idsOf(last)) addEnd(this.lengthsByLastId, id, term)
      addStart(this.byFirstWord, term[0], term)
      for (const id of this.idsOf(term[0])) addStart(this.byFirstId, id, term)
    }
  }

  /** The terms a span of lowercase words reads back to, other than itself. */
  readBack(spun: readonly string[]): TermReading[] {
    const n = spun.length
    if ((this.places.get(spun[n - 1]).ends & (1 << n)) === 0) return []
    const found: TermReading[] = []
    for (const term of this.places.get(spun[0]).starts[n] ?? []) {
      if (term.every((word, i) => word === spun[i])) continue
      const {channel, prior} = this.termChannel(spun, term)
      if (!Number.isNaN(channel)) found.push({term: term.join(' '), channel, prior})
    }
    return found
  }

  /**
   * Where a spun word may stand in a term: the terms (by length) that start with a word it may
   * stand for, and the lengths of those that end in one. It may stand for itself, its lemmas and
   * the rows' originals for it, and the terms any of them is a synonym of: a superset of what
   * channel() accepts.
   */
  private placeOf(spun: string): Place {
    const forms = [spun, ...this.lemmasOf(spun).map((l) => l.lemma), ...this.dictionary.substitutionsOf(spun).map((s) => s.original)]
    let ends = 0
    const starts: Set<string[]>[] = []
    const add = (lengths: number | undefined, terms: string[][][] | undefined) => {
      ends |= lengths ?? 0
      terms?.forEach((list, n) => list.forEach((term) => (starts[n] ??= new Set()).add(term)))
    }
    for (const form of forms) add(this.lengthsByLastWord.get(form), this.byFirstWord.get(form))
    const addId = (id: number) => add(this.lengthsByLastId.get(id), this.byFirstId.get(id))
    for (const id of forms.map((form) => this.thesaurus.id(form)).filter((id) => id >= 0)) {
      addId(id)
      this.thesaurus.sourceIds(id).forEach(addId)
    }
    return {ends, starts: starts.length === 0 ? NO_STARTS : Array.from(starts, (terms) => (terms ? [...terms] : undefined))}
  }

  /** The thesaurus ids of a term's word and of its lemmas. */
  private idsOf(word: string): number[] {
    return [word, ...this.lemmasOf(word).map((l) => l.lemma)].map((form) => this.thesaurus.id(form)).filter((id) => id >= 0)
  }

  /** The sums of the words' steps, NaN as soon as one is (from the last word: most terms differ there). */
  private termChannel(spun: readonly string[], term: readonly string[]): Step {
    let channel = 0
    let prior = 0
    for (let i = term.length - 1; i >= 0; i--) {
      const step = this.step(spun[i], term[i])
      if (Number.isNaN(step.channel)) return NO_SPIN
      channel += step.channel
      prior += step.prior
    }
    return {channel, prior}
  }

  /**
   * log10 P(a spinner wrote `spun` for the term's word `word`): 0 where kept, NaN where it could
   * not have; through the rows, with the spinner-word prior of `spun` (its `prior`).
   */
  private step(spun: string, word: string): Step {
    if (spun === word) return KEPT
    const share = this.dictionary.substitutionsOf(spun).find((s) => s.original === word)?.share
    const synonym = this.isSpin(spun, word)
    if (share === undefined && !synonym) return NO_SPIN
    // a word's singular is no original of it: "hidden layers" is no spin of "hidden layer"
    if (this.keeps(spun) || this.lemmasOf(spun).some((l) => l.kind === 's' && l.lemma === word)) return NO_SPIN
    const bySynonym = synonym ? this.stepScore(this.thesaurus.fanout(word)) : -Infinity
    const prior = share === undefined ? 0 : this.spinnerWord(spun)
    const byRows = share === undefined ? -Infinity : Math.log10(share) + prior
    return byRows >= bySynonym ? {channel: byRows, prior} : {channel: bySynonym, prior: 0}
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

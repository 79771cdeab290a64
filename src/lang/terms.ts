/**
 * Known terms (the phrase dictionaries' multi-word originals: "big data", "random forest") and the
 * spans a spinner could have made of them word by word: each word kept, swapped for one of its
 * synonyms (one thesaurus hop: further, clean text reads back too, "lung tumour" to "lung
 * cancer"), or for a word the dictionaries' rows put in its place ("colossal" for "big").
 */
import type {PhraseDictionary} from './phrases.js'
import type {Thesaurus} from './thesaurus.js'

export interface TermReading {
  term: string
  /** log10 P(the spinner wrote the span | the term), over the words it swapped. */
  channel: number
}

export class TermReader {
  /** Terms by "<length> <word>", for the word they start with and each of its synonyms. */
  private readonly byFirst = new Map<string, string[][]>()
  /** "<length> <word>" for the word terms end with and each of its synonyms: most spans end in none. */
  private readonly lastWords = new Set<string>()
  /** The synonyms of each word of a term: what a spinner could write for it. */
  private readonly spins = new Map<string, Set<string>>()

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
      const last = term[term.length - 1]
      for (const word of [last, ...this.spinsOf(last)]) this.lastWords.add(`${term.length} ${word}`)
      for (const word of [term[0], ...this.spinsOf(term[0])]) {
        const key = `${term.length} ${word}`
        const list = this.byFirst.get(key)
        if (list) list.push(term)
        else this.byFirst.set(key, [term])
      }
    }
  }

  /** The terms a span of lowercase words reads back to, other than itself. */
  readBack(spun: readonly string[]): TermReading[] {
    if (!this.mayEnd(spun)) return []
    const terms = new Set(this.forms(spun[0]).flatMap((word) => this.byFirst.get(`${spun.length} ${word}`) ?? []))
    const found: TermReading[] = []
    for (const term of terms) {
      if (term.every((word, i) => word === spun[i])) continue
      const channel = this.termChannel(spun, term)
      if (!Number.isNaN(channel)) found.push({term: term.join(' '), channel})
    }
    return found
  }

  /** Whether a term of the span's length could end in the span's last word. */
  private mayEnd(spun: readonly string[]): boolean {
    return this.forms(spun[spun.length - 1]).some((word) => this.lastWords.has(`${spun.length} ${word}`))
  }

  /** A spun word, its lemmas and the words the dictionaries' rows put in its place: what a term's word is indexed by. */
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
    // a word's singular is no original of it: "hidden layers" is no spin of "hidden layer"
    if (this.keeps(spun) || this.lemmasOf(spun).some((l) => l.kind === 's' && l.lemma === word)) return NaN
    const share = this.dictionary.substitutionsOf(spun).find((s) => s.original === word)?.share
    const synonym = this.isSpin(spun, word) ? this.stepScore(this.thesaurus.fanout(word)) : NaN
    return share === undefined ? synonym : Number.isNaN(synonym) ? Math.log10(share) : Math.max(Math.log10(share), synonym)
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

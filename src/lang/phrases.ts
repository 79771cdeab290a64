/**
 * Phrase dictionaries: known substitutions, one TSV row each:
 * `spun <TAB> original [<TAB> weight] [<TAB> source] [<TAB> context]`.
 * `weight` is the confidence of the entry (default 0.9); `context` holds `+phrase` (the
 * document must contain it) and `-phrase` (it must not) clauses joined by `|`.
 * Lines starting with `#` and blank lines are skipped.
 */
import {readFileSync} from 'node:fs'
import {basename} from 'node:path'
import {fileURLToPath} from 'node:url'

export interface PhraseEntry {
  words: string[]
  original: string
  weight: number
  source: string
  required: string[]
  forbidden: string[]
}

export const DEFAULT_WEIGHT = 0.9

export const BUNDLED_DICTIONARIES = [fileURLToPath(new URL('../../corpus/phrases/tortured-phrases.tsv', import.meta.url))]

export class DictionaryError extends Error {}

/** A word a dictionary's phrases substitute for another, and the share of its substitutions that are this one. */
export interface WordSubstitution {
  original: string
  share: number
}

export class PhraseDictionary {
  /** Entries by their spun phrase, in the order the phrases first came. */
  private readonly entries = new Map<string, PhraseEntry>()
  /** Entries by their first spun word, longest first: built on first use, not once per row. */
  private byFirstWord: Map<string, PhraseEntry[]> | undefined
  private wordSubstitutions: WordSubstitutions | undefined
  private terms: string[][] | undefined

  static load(paths: readonly string[]): PhraseDictionary {
    const dictionary = new PhraseDictionary()
    for (const path of paths) dictionary.addFile(path)
    return dictionary
  }

  /** Number of spun phrases. */
  get size(): number {
    return this.entries.size
  }

  addFile(path: string): void {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (error) {
      throw new DictionaryError(`${path}: cannot read dictionary (${(error as NodeJS.ErrnoException).code ?? error})`)
    }
    const name = basename(path)
    text.split(/\r?\n/).forEach((line, index) => {
      if (line.trim() === '' || line.startsWith('#')) return
      this.add(parseRow(line, `${path}:${index + 1}`, name))
    })
  }

  /** Adds an entry; one for a phrase added before replaces it (a later dictionary overrides an earlier one). */
  add(entry: PhraseEntry): void {
    this.entries.set(entry.words.join(' '), entry)
    this.byFirstWord = undefined
    this.wordSubstitutions = undefined
    this.terms = undefined
  }

  /** Entries whose spun phrase may start with this (lowercase) word, longest first. */
  startingWith(word: string): readonly PhraseEntry[] {
    return this.index().get(word) ?? []
  }

  /** The entries by first word, in the order the first words came, each list longest first (ties in the order they came). */
  private index(): Map<string, PhraseEntry[]> {
    if (this.byFirstWord) return this.byFirstWord
    const byFirstWord = new Map<string, PhraseEntry[]>()
    for (const entry of this.entries.values()) {
      const list = byFirstWord.get(entry.words[0])
      if (list) list.push(entry)
      else byFirstWord.set(entry.words[0], [entry])
    }
    for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length)
    return (this.byFirstWord = byFirstWord)
  }

  /**
   * The originals the dictionary's phrases put in place of a (lowercase) spun word, word for
   * word: spinners reuse their word substitutions across phrases ("profound" for "deep" in
   * "profound learning" and "profound neural organization"), so a phrase never listed can be
   * read back from the words of those that are. Only phrases as long as their originals count.
   */
  substitutionsOf(word: string): readonly WordSubstitution[] {
    return this.substitutions().byWord.get(word) ?? []
  }

  /** The share of the word-for-word substitutions of the dictionary's phrases that write this (lowercase) word. */
  writtenShare(word: string): number {
    const {byWord, counts, total} = this.substitutions()
    return byWord.has(word) ? counts.get(word)! / total : 0
  }

  private substitutions(): WordSubstitutions {
    return (this.wordSubstitutions ??= wordSubstitutions([...this.index().values()].flat()))
  }

  /** The multi-word originals of the dictionaries' phrases, as lowercase words. */
  allTerms(): readonly string[][] {
    return (this.terms ??= originalTerms([...this.entries.values()]))
  }
}

function originalTerms(entries: PhraseEntry[]): string[][] {
  const terms = new Map<string, string[]>()
  for (const entry of entries) {
    const words = entry.original.toLowerCase().replace(/’/g, "'").split(/\s+/).filter(Boolean)
    if (words.length > 1) terms.set(words.join(' '), words)
  }
  return [...terms.values()]
}

/** The word-for-word substitutions of phrases, by the word written: its originals, and how often it is written. */
interface WordSubstitutions {
  byWord: Map<string, WordSubstitution[]>
  counts: Map<string, number>
  total: number
}

function wordSubstitutions(entries: PhraseEntry[]): WordSubstitutions {
  const counts = new Map<string, Map<string, number>>()
  for (const entry of entries) {
    const spun = entry.words.flatMap((word) => word.split('-'))
    const original = entry.original.toLowerCase().split(/[\s-]+/).filter(Boolean)
    if (spun.length !== original.length) continue
    spun.forEach((word, i) => {
      if (word === original[i] || !/^[\p{L}']+$/u.test(word + original[i])) return
      const byOriginal = counts.get(word) ?? new Map<string, number>()
      counts.set(word, byOriginal.set(original[i], (byOriginal.get(original[i]) ?? 0) + 1))
    })
  }
  const byWord = new Map<string, WordSubstitution[]>()
  const totals = new Map<string, number>()
  for (const [word, byOriginal] of counts) {
    const total = [...byOriginal.values()].reduce((sum, n) => sum + n, 0)
    totals.set(word, total)
    byWord.set(word, [...byOriginal].map(([original, n]) => ({original, share: n / total})))
  }
  return {byWord, counts: totals, total: [...totals.values()].reduce((sum, n) => sum + n, 0)}
}

/** Parse one TSV row; `where` (file:line) names it in errors. */
export function parseRow(line: string, where: string, fallbackSource: string): PhraseEntry {
  const [spun = '', original = '', weightText = '', source = '', context = ''] = line.split('\t')
  const words = spun.trim().toLowerCase().replace(/’/g, "'").split(/\s+/).filter(Boolean)
  if (words.length === 0 || original.trim() === '') {
    throw new DictionaryError(`${where}: expected "spun<TAB>original[<TAB>weight][<TAB>source]"`)
  }
  const weight = weightText.trim() === '' ? DEFAULT_WEIGHT : Number(weightText)
  if (!(weight > 0 && weight <= 1)) {
    throw new DictionaryError(`${where}: weight must be a number in (0, 1], got "${weightText}"`)
  }
  const clauses = context.split('|').map((clause) => clause.trim().toLowerCase()).filter(Boolean)
  return {
    words,
    original: original.trim(),
    weight,
    source: source.trim() || fallbackSource,
    required: clauses.filter((c) => c.startsWith('+')).map((c) => c.slice(1)),
    forbidden: clauses.filter((c) => c.startsWith('-')).map((c) => c.slice(1))
  }
}

/**
 * The hunspell en_US dictionary behind retext-spell (dictionary-en, as nspell expands its
 * affixes), read from corpus/speller/en-us.words (built by scripts/build-speller.mjs): every form
 * it accepts, sorted, so that checking a word is a binary search over the file's bytes, which
 * every thread shares (src/lang/data.ts). nspell itself holds a table of the ~124,000 forms in
 * each thread (9 MB of heap, 160 ms to build); the answers are the same as its correct()'s.
 */
import {readFileSync} from 'node:fs'
import {Buffer} from 'node:buffer'
import {dataBytes, dataPath} from './data.js'

const MAGIC = '#unspin-words 1'
const WORDS = '\n@words\n'
const NEWLINE = 10

export class Speller {
  private readonly bytes: Uint8Array
  /** Where the sorted forms start: one a line, to the end of the file. */
  private readonly start: number
  /** Replacements made before looking a word up (hunspell's ICONV: ’ -> '). */
  private readonly conversions: [RegExp, string][] = []
  /** Patterns that make a word of what is no listed form (hunspell's COMPOUNDRULE: "21st"). */
  private readonly compounds: RegExp[] = []
  /** Forms that are words only inside compounds ("1th" of "11th"). */
  private readonly onlyInCompounds = new Set<string>()

  private constructor(bytes: Uint8Array, path: string) {
    const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    const words = file.indexOf(WORDS)
    if (!file.toString('latin1', 0, MAGIC.length + 1).startsWith(MAGIC + '\n') || words < 0) throw new Error(`${path}: not an unspin word list`)
    this.bytes = bytes
    this.start = words + WORDS.length
    for (const line of file.toString('utf8', 0, words).split('\n')) this.readRule(line, path)
  }

  /** Reads a word list: a file, or one of corpus/ (default the speller's), its bytes shared by every thread. */
  static load(path?: string, data: 'speller' | 'wordlist' = 'speller'): Speller {
    return path === undefined ? new Speller(dataBytes(data), dataPath(data)) : new Speller(readFileSync(path), path)
  }

  /** Whether the dictionary knows the word: as written, or in lowercase (Title Case for a word in capitals). */
  correct(word: string): boolean {
    let normal = word.trim()
    if (normal === '') return false
    for (const [pattern, to] of this.conversions) normal = normal.replace(pattern, to)
    if (this.exact(normal)) return true
    if (normal.toUpperCase() === normal && this.exact(normal.charAt(0) + normal.slice(1).toLowerCase())) return true
    const lower = normal.toLowerCase()
    return lower !== normal && this.exact(lower)
  }

  /** Whether the word is one as written. */
  private exact(word: string): boolean {
    if (this.listed(word)) return true
    return !this.onlyInCompounds.has(word) && this.compounds.some((rule) => rule.test(word))
  }

  /** Binary search over the lines of the sorted forms; `low` and `high` are always line starts. */
  private listed(word: string): boolean {
    const bytes = this.bytes
    let low = this.start
    let high = bytes.length
    while (low < high) {
      let start = (low + high) >>> 1
      while (start > low && bytes[start - 1] !== NEWLINE) start--
      const end = bytes.indexOf(NEWLINE, start)
      const order = compare(word, bytes, start, end)
      if (order === 0) return true
      if (order < 0) high = start
      else low = end + 1
    }
    return false
  }

  private readRule(line: string, path: string): void {
    const [kind, ...fields] = line.split(' ')
    if (kind === '@iconv' && fields.length === 2) this.conversions.push([new RegExp(fields[0], 'g'), fields[1]])
    else if (kind === '@compound' && fields.length === 2) this.compounds.push(new RegExp(fields[1], fields[0]))
    else if (kind === '@only-in-compounds') for (const form of fields.filter(Boolean)) this.onlyInCompounds.add(form)
    else if (!line.startsWith('#')) throw new Error(`${path}: unknown line ${JSON.stringify(line)}`)
  }
}

/**
 * Negative, 0 or positive as `word` sorts before, as or after the line bytes[start, end) in JS
 * string order: the forms are ASCII, where bytes and UTF-16 code units agree, and a character
 * beyond ASCII sorts after every ASCII one either way.
 */
function compare(word: string, bytes: Uint8Array, start: number, end: number): number {
  const length = end - start
  const n = Math.min(length, word.length)
  for (let i = 0; i < n; i++) {
    const order = word.charCodeAt(i) - bytes[start + i]
    if (order !== 0) return order
  }
  return word.length - length
}

let shared: Speller | undefined
let sharedWordList: Speller | undefined

/** The dictionary in corpus/speller/en-us.words, loaded on first use. */
export function defaultSpeller(): Speller {
  shared ??= Speller.load()
  return shared
}

/** SCOWL's larger list of English words in corpus/words/en-us-huge.words, loaded on first use. */
export function defaultWordList(): Speller {
  sharedWordList ??= Speller.load(undefined, 'wordlist')
  return sharedWordList
}

/**
 * The context pass's candidate originals of single words, searched ahead of time: the thesaurus
 * search of a word the first time a text brings it costs about 0.5 ms, and a text brings
 * thousands of new words per 100 kB (a third of the time on clean text, before the cache warms).
 *
 * corpus/origins/en-us.origins is made by `npm run build` (scripts/build-origins.mjs, 10 s) with
 * the very code the pass runs (originRanker() over Thesaurus.scoredOrigins()), for every word of
 * the language model's vocabulary; it is derived from corpus/lm and corpus/thesaurus alone, so it
 * is built, not committed. `settings` names what the results depend on, and a table whose
 * settings differ from the running code's is not used; without a table, words are searched as
 * met. Layout (little-endian; sections padded to 8 bytes):
 *
 *   header (32 bytes): "UNSPORG1", u32 version, vocab V, entries E, strings S, string bytes,
 *     settings bytes
 *   utf-8     settings
 *   u8[V]     1 where the word was searched (words with a hyphen or a capital are not)
 *   u32[V+1]  entryStart: the originals of word w are entries [entryStart[w], entryStart[w+1])
 *   u32[E]    entry's original, as a string index
 *   f64[E]    entry's channel score (log10 P(path)), as the search gives it: rounded, a tie could
 *             fall the other way
 *   u32[S+1]  stringStart, into the utf-8 strings
 *   utf-8     strings
 */
import {Buffer} from 'node:buffer'
import {builtDataBytes} from './data.js'

const MAGIC = 'UNSPORG1'
const VERSION = 1
const HEADER_BYTES = 32

const align8 = (n: number): number => (n + 7) & ~7

/**
 * Whether the table holds a word of the model's vocabulary: lowercase, letters and apostrophes,
 * as the pass asks for a token; a hyphenated word is traced back part by part instead.
 */
export function searchedAhead(word: string): boolean {
  return /^[\p{L}']+$/u.test(word) && word === word.toLowerCase()
}

/** A word's originals, best first, with their channel scores. */
export interface WordOriginList {
  originals: string[]
  channels: number[]
}

export class WordOrigins {
  /** What the table was built with: used only where the running code says the same. */
  readonly settings: string
  readonly vocabularySize: number
  private readonly searched: Uint8Array
  private readonly entryStart: Uint32Array
  private readonly entryString: Uint32Array
  private readonly entryChannel: Float64Array
  private readonly stringStart: Uint32Array
  private readonly strings: Buffer

  constructor(bytes: Uint8Array) {
    if (Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).toString('latin1') !== MAGIC) throw new Error('origins: not an unspin origins file')
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const [version, words, entries, strings, stringBytes, settingsBytes] = [8, 12, 16, 20, 24, 28].map((at) => view.getUint32(at, true))
    if (version !== VERSION) throw new Error(`origins: version ${version}, expected ${VERSION}`)
    const sizes = [settingsBytes, words, 4 * (words + 1), 4 * entries, 8 * entries, 4 * (strings + 1)]
    if (HEADER_BYTES + sizes.reduce((sum, size) => sum + align8(size), stringBytes) > bytes.byteLength) {
      throw new Error('origins: the file is cut short (npm run build makes it again)')
    }
    let at = bytes.byteOffset + HEADER_BYTES
    const take = <T>(make: (offset: number) => T, length: number): T => {
      const section = make(at)
      at += align8(length)
      return section
    }
    this.settings = take((o) => Buffer.from(bytes.buffer, o, settingsBytes).toString('utf8'), settingsBytes)
    this.vocabularySize = words
    this.searched = take((o) => new Uint8Array(bytes.buffer, o, words), words)
    this.entryStart = take((o) => new Uint32Array(bytes.buffer, o, words + 1), 4 * (words + 1))
    this.entryString = take((o) => new Uint32Array(bytes.buffer, o, entries), 4 * entries)
    this.entryChannel = take((o) => new Float64Array(bytes.buffer, o, entries), 8 * entries)
    this.stringStart = take((o) => new Uint32Array(bytes.buffer, o, strings + 1), 4 * (strings + 1))
    this.strings = Buffer.from(bytes.buffer, at, stringBytes)
  }

  /** The table `npm run build` made, if it did. */
  static load(): WordOrigins | undefined {
    const bytes = builtDataBytes('origins')
    return bytes && new WordOrigins(bytes)
  }

  /** The originals of the word with model id `word`; undefined where it was not searched. */
  get(word: number): WordOriginList | undefined {
    if (!(word >= 0 && word < this.vocabularySize) || this.searched[word] === 0) return undefined
    const originals: string[] = []
    const channels: number[] = []
    for (let e = this.entryStart[word]; e < this.entryStart[word + 1]; e++) {
      const s = this.entryString[e]
      originals.push(this.strings.toString('utf8', this.stringStart[s], this.stringStart[s + 1]))
      channels.push(this.entryChannel[e])
    }
    return {originals, channels}
  }
}

/** The bytes of a table: `lists[w]` holds word w's originals, undefined where it was not searched. */
export function encodeWordOrigins(lists: (WordOriginList | undefined)[], settings: string): Uint8Array {
  const stringIds = new Map<string, number>()
  const entryString: number[] = []
  const entryChannel: number[] = []
  const entryStart = new Uint32Array(lists.length + 1)
  lists.forEach((list, w) => {
    for (let k = 0; list && k < list.originals.length; k++) {
      const original = list.originals[k]
      if (!stringIds.has(original)) stringIds.set(original, stringIds.size)
      entryString.push(stringIds.get(original)!)
      entryChannel.push(list.channels[k])
    }
    entryStart[w + 1] = entryString.length
  })
  const texts = [...stringIds.keys()].map((text) => Buffer.from(text, 'utf8'))
  const stringStart = new Uint32Array(texts.length + 1)
  texts.forEach((text, s) => (stringStart[s + 1] = stringStart[s] + text.length))
  const settingsBytes = Buffer.from(settings, 'utf8')
  const header = Buffer.alloc(HEADER_BYTES)
  header.write(MAGIC, 0, 'latin1')
  ;[VERSION, lists.length, entryString.length, texts.length, stringStart[texts.length], settingsBytes.length].forEach((value, k) => header.writeUInt32LE(value, 8 + 4 * k))
  const sections = [
    settingsBytes,
    Uint8Array.from(lists, (list) => (list ? 1 : 0)),
    entryStart,
    Uint32Array.from(entryString),
    Float64Array.from(entryChannel),
    stringStart,
    Buffer.concat(texts)
  ].map((section) => {
    const bytes = Buffer.from(section.buffer, section.byteOffset, section.byteLength)
    return Buffer.concat([bytes, Buffer.alloc(align8(bytes.length) - bytes.length)])
  })
  return Buffer.concat([header, ...sections])
}

let loaded: {table?: WordOrigins} | undefined
/** The table `npm run build` made, loaded on first use; undefined where it made none. */
export function defaultWordOrigins(): WordOrigins | undefined {
  return (loaded ??= {table: WordOrigins.load()}).table
}

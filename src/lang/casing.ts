/**
 * Mid-sentence casing model: how English text writes a word when it is not the first word of a
 * sentence ("chicago" -> "Chicago", "police" -> "police", "u.s." -> "U.S.", "nato" -> "NATO").
 *
 * Reads corpus/casing/en.casing, built by scripts/build-casing.mjs from the Brown corpus, the
 * State of the Union addresses and the hunspell en_US dictionary (see corpus/README.md).
 *
 * File format (UTF-8, LF):
 *   lines starting with "#" are comments;
 *   "@cased" starts a section of lines  key<TAB>form:p[,form:p...]<TAB>n<TAB>solo
 *     key   lowercased word, possessive "'s" stripped
 *     forms spellings with their smoothed probability P(form | key, mid-sentence), best first
 *     n     weighted number of corpus observations (0: known from the dictionary only)
 *     solo  P(lowercase | key, not inside a multi-word capitalized name such as "Cook County")
 *   "@lower P" starts a section of keys (one per line) only ever seen lowercase; P = P(lowercase).
 *   A key absent from the file is unknown; its preferred form is lowercase, with probability 0.5.
 *
 * Loading is one pass over the file's bytes (shared by every thread) filling a hash table of line
 * starts; a key's line is parsed when the key is first looked up.
 */
import { readFileSync } from 'node:fs'
import { Buffer } from 'node:buffer'
import { Memo } from '../memo.js'
import { builtDataBytes, dataBytes, dataPath } from './data.js'
import { KeyIndex, keyEnd } from './keys.js'
import { casePattern, type CasePattern } from '../text/case.js'

export { casePattern, type CasePattern }

export interface CaseChoice {
  /** preferred spelling, e.g. "Chicago", "police", "DHS" */
  form: string
  /** P(that form | word, mid-sentence) */
  probability: number
}


export interface CaseDistribution {
  /** spellings seen, best first; probabilities need not sum to 1 (unattributed smoothing mass) */
  forms: CaseChoice[]
  /** weighted corpus observations (0: dictionary only or unknown) */
  n: number
  /** P(lowercase | word standing outside a multi-word capitalized name) */
  solo: number
  known: boolean
}

/** P(lowercase) given to unknown words */
const UNKNOWN_LOWER = 0.5
/** P(ALL CAPS) given to unknown vowel-less words of 2-5 letters ("cbp", "nfl"), which are acronyms */
const UNKNOWN_ACRONYM = 0.6

interface Entry {
  forms: CaseChoice[]
  n: number
  solo: number
}

/** Parsed lines kept: a text looks the same few thousand words up again and again. */
const ENTRY_MEMO_SIZE = 20_000

const POSSESSIVE = /^(.+?)(['’][sS]|(?<=[sS])['’])$/u
const HAS_LETTER = /\p{L}/u
const VOWELLESS = /^[b-df-hj-np-tv-xz]{2,5}$/

export class CasingModel {
  /** The "@cased" and "@lower" keys, over the file's bytes; their lines are parsed on first use. */
  private readonly keys: KeyTable
  private readonly entries = new Memo(ENTRY_MEMO_SIZE, (key: string) => this.parseEntry(key))

  /** Word pairs English writes capitalized together ("white house" -> "White House"). */
  private readonly names = new Map<string, string>()

  /** A model over a casing file's bytes; `keys`: their key table saved by `npm run build` (src/lang/keys.ts). */
  private constructor(file: Buffer, keys?: Uint8Array) {
    this.keys = new KeyTable(file, keys)
    // Section by section (the header before the first "@" line is skipped): the loop over the
    // ~95,000 keys then meets no other kind of line, which would have V8 compile it again.
    for (let start = sectionEnd(file, 0); start < file.length; ) {
      const end = lineEnd(file, start)
      const section = this.keys.section(file.toString('utf8', start, end))
      start = section === NAMES ? this.addNames(end + 1) : this.keys.addSection(end + 1, section)
    }
  }

  /** Reads the "@names" lines from `start`; returns where the next section starts. */
  private addNames(start: number): number {
    const end = sectionEnd(this.keys.file, start)
    for (const line of this.keys.file.toString('utf8', start, end).split('\n')) {
      if (line !== '' && !line.startsWith('#')) this.addName(line)
    }
    return end
  }

  /** Number of keys in the model. */
  get size(): number {
    return this.keys.size
  }

  /** Reads a casing file (default: corpus/casing/en.casing, its bytes shared by every thread). */
  static load(path?: string): CasingModel {
    if (path !== undefined) return new CasingModel(readFileSync(path))
    const bytes = dataBytes('casing')
    return new CasingModel(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), builtDataBytes('casingKeys'))
  }

  /** Whether the key table came from `npm run build` (it saves start-up time). */
  get keysFromBuild(): boolean {
    return this.keys.fromBuild
  }

  /** The key table, for the saved tables of `npm run build`. */
  savedKeys(): Uint8Array {
    return this.keys.save()
  }

  /** The model in the text of a casing file. */
  static parse(text: string): CasingModel {
    return new CasingModel(Buffer.from(text, 'utf8'))
  }

  private addName(line: string): void {
    const tab = line.indexOf('\t')
    if (tab > 0) this.names.set(line.slice(0, tab), line.slice(tab + 1))
  }

  /**
   * How English writes two words that often form a name ("white house"), if they do: the
   * probability that they do, after a name ("Chicago Police Department") or not ("the police
   * department", which English writes as a name half the time).
   */
  name(first: string, second: string, afterName: boolean): CaseChoice | undefined {
    const found = this.names.get(`${first} ${second}`.toLowerCase().replace(/[‘’]/g, "'"))
    if (!found) return undefined
    const [form = '', p = '1', alone = p] = found.split('\t')
    return { form, probability: Number(afterName ? p : alone) }
  }

  private entry(key: string): Entry | undefined {
    return this.entries.get(key)
  }

  private parseEntry(key: string): Entry | undefined {
    const slot = this.keys.find(key)
    if (slot < 0) return undefined
    const lowerP = this.keys.lowerP(slot)
    if (lowerP !== undefined) return { forms: [{ form: key, probability: lowerP }], n: -1, solo: lowerP }
    const [formsField = '', n = '0', solo = '1'] = this.keys.rest(slot).split('\t')
    const forms = formsField.split(',').map((pair) => {
      const i = pair.lastIndexOf(':')
      return { form: pair.slice(0, i), probability: Number(pair.slice(i + 1)) }
    })
    return { forms, n: Number(n), solo: Number(solo) }
  }

  /** Look a written word up: exact key, then without a trailing period, then with one. */
  private find(word: string): { entry?: Entry; stem: string; suffix: string } {
    // keys use the straight apostrophe; the written suffix keeps the writer's apostrophe
    const key = (s: string): string => s.toLowerCase().replace(/[‘’]/g, "'")
    let w = word.normalize('NFC')
    let suffix = ''
    let e = this.entry(key(w))
    if (!e) {
      const m = POSSESSIVE.exec(w)
      if (m) {
        w = m[1]!
        suffix = m[2]!.replace(/S$/, 's')
        e = this.entry(key(w))
      }
    }
    if (!e && w.endsWith('.') && w.length > 1) {
      const bare = w.slice(0, -1)
      e = this.entry(key(bare))
      if (e && !/\./.test(bare)) {
        w = bare
        suffix = '.' + suffix
      } else if (e) {
        w = bare
      }
    }
    if (!e && /^(?:\p{L}\.)+\p{L}$/u.test(w)) e = this.entry(key(w) + '.')
    return { entry: e, stem: w, suffix }
  }

  /** Seen in the data (corpora or dictionary) at all. Hyphenated words: every part known. */
  isKnown(word: string): boolean {
    if (this.find(word).entry) return true
    const parts = word.split('-')
    return parts.length > 1 && parts.every((p) => p !== '' && this.find(p).entry !== undefined)
  }

  /** Best mid-sentence form of this word and P(that form). */
  preferred(word: string): CaseChoice {
    if (!HAS_LETTER.test(word)) return { form: word, probability: 1 }
    const { entry, stem, suffix } = this.find(word)
    if (entry) {
      const best = entry.forms[0]!
      const form = best.form.includes('.') && suffix.startsWith('.') ? best.form + suffix.slice(1) : best.form + suffix
      return { form, probability: best.probability }
    }
    if (word.includes('-')) {
      const parts = word.split('-')
      if (parts.every((p) => p !== '')) {
        const choices = parts.map((p) => (HAS_LETTER.test(p) ? this.preferred(p) : { form: p, probability: 1 }))
        return {
          form: choices.map((c) => c.form).join('-'),
          probability: Math.min(...choices.map((c) => c.probability)),
        }
      }
    }
    const lower = stem.toLowerCase()
    if (VOWELLESS.test(lower)) return { form: lower.toUpperCase() + suffix, probability: UNKNOWN_ACRONYM }
    return { form: lower + suffix, probability: UNKNOWN_LOWER }
  }

  /**
   * Best form when the word stands outside a multi-word capitalized name: "county" -> "county"
   * although "County" is frequent in names ("Cook County"); "chicago" -> "Chicago".
   */
  standalone(word: string): CaseChoice {
    const { entry, suffix } = this.find(word)
    if (!entry) return this.preferred(word)
    const lower = entry.forms.find((f) => casePattern(f.form) === 'lower')?.form ?? entry.forms[0]!.form.toLowerCase()
    if (entry.solo >= 0.5) return { form: lower + suffix, probability: entry.solo }
    const cased = entry.forms.find((f) => casePattern(f.form) !== 'lower') ?? entry.forms[0]!
    return { form: cased.form + suffix, probability: round3(1 - entry.solo) }
  }

  /** All forms seen for the word with their probabilities. */
  distribution(word: string): CaseDistribution {
    const { entry } = this.find(word)
    if (!entry) {
      const c = this.preferred(word)
      return { forms: [c], n: 0, solo: casePattern(c.form) === 'lower' ? c.probability : round3(1 - c.probability), known: false }
    }
    return { forms: entry.forms.map((f) => ({ ...f })), n: Math.max(0, entry.n), solo: entry.solo, known: true }
  }

  /** P(the word is written with this case pattern mid-sentence). */
  patternProbability(word: string, pattern: CasePattern): number {
    const { entry } = this.find(word)
    if (!entry) {
      const c = this.preferred(word)
      return casePattern(c.form) === pattern ? c.probability : round3((1 - c.probability) / 3)
    }
    let p = 0
    for (const f of entry.forms) if (casePattern(f.form) === pattern) p += f.probability
    return round3(p)
  }
}

/**
 * Small words a multi-word name runs on through ("Department of Homeland Security", "Vincent van
 * Gogh"): the build counts a pair as after a name across them, and the casing pass reads it so.
 */
export const NAME_CONNECTORS: ReadonlySet<string> = new Set(['of', 'for', 'on', 'de', 'la', 'von', 'van', 'der', 'du', 'da'])

const AT = 0x40
/** A line break and the "@" of a section line after it. */
const SECTION_START = Buffer.from('\n@')
const HASH = 0x23
const TAB = 0x09
const LF = 0x0a
/** Section numbers: each "@lower P" section gets its own, after these. */
const CASED = 0
const NAMES = 1

/**
 * The keys of the "@cased" and "@lower" lines over the file's bytes (a Map of the ~95,000 keys
 * took ~8 MB of heap in every thread), each with the section of its line. A line's key is its
 * bytes up to its first tab.
 */
class KeyTable {
  private readonly index: KeyIndex
  /** P(lowercase) of each section's keys (NaN for "@cased" and "@names"). */
  private readonly lowerPs = [NaN, NaN]

  constructor(readonly file: Buffer, keys?: Uint8Array) {
    const saved = keys && KeyIndex.saved(file, keys, dataPath('casingKeys'))
    this.index = saved ?? new KeyIndex(file, countLines(file))
  }

  /** Whether the index was saved whole by the build: the sections' keys are then in it already. */
  get fromBuild(): boolean {
    return this.index.fromBuild
  }

  /** The index as bytes for KeyIndex.saved(). */
  save(): Uint8Array {
    return this.index.save()
  }

  /** Number of keys. */
  get size(): number {
    return this.index.size
  }

  /** The number of the section an "@" line starts. */
  section(line: string): number {
    if (line === '@cased') return CASED
    if (line === '@names') return NAMES
    if (!line.startsWith('@lower ')) throw new Error(`casing: unknown section ${line}`)
    return this.lowerPs.push(Number(line.slice(7))) - 1
  }

  /** Adds the keys of a section's lines from `start`; returns where the next section starts. */
  addSection(start: number, section: number): number {
    if (this.fromBuild) return sectionEnd(this.file, start)
    const file = this.file
    for (; start < file.length && file[start] !== AT; start = lineEnd(file, start) + 1) {
      if (file[start] !== HASH && file[start] !== LF) this.add(start, section)
    }
    return start
  }

  /** Adds the key of the line at `start` (a "@cased" line without forms has none); a key seen before takes the later line. */
  private add(start: number, section: number): void {
    const end = keyEnd(this.file, start)
    if (section !== CASED || (end > start && this.file[end] === TAB)) this.index.add(start, end, section)
  }

  /** The slot of a key, -1 if it is none. */
  find(key: string): number {
    return this.index.find(key)
  }

  /** P(lowercase) of a "@lower" key; undefined for a "@cased" one. */
  lowerP(slot: number): number | undefined {
    const section = this.index.value(slot)
    return section === CASED ? undefined : this.lowerPs[section]
  }

  /** What follows the tab after a "@cased" key. */
  rest(slot: number): string {
    const end = this.index.end(slot)
    return this.file.toString('utf8', end + 1, lineEnd(this.file, end))
  }
}

// A byte loop rather than Buffer#indexOf, whose cost per call exceeds a line's scan: filling the
// key table calls it for each of the ~95,000 lines.
function lineEnd(file: Buffer, start: number): number {
  let end = start
  while (end < file.length && file[end] !== LF) end++
  return end
}

/**
 * The start of the first line at or after `start` (a line's start) that begins a section ("@"),
 * or the end of the file: one Buffer#indexOf per section, as a saved key table skips the lines.
 */
function sectionEnd(file: Buffer, start: number): number {
  if (start >= file.length || file[start] === AT) return Math.min(start, file.length)
  const found = file.indexOf(SECTION_START, start)
  return found < 0 ? file.length : found + 1
}

function countLines(file: Buffer): number {
  let lines = 1
  for (let at = 0; at < file.length; at++) if (file[at] === LF) lines++
  return lines
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000
}

let singleton: CasingModel | undefined

/** The model from corpus/casing/en.casing, loaded on first use. */
export function defaultCasing(): CasingModel {
  return (singleton ??= CasingModel.load())
}

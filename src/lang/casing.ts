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
 * Loading is one readFileSync and one pass filling a Map; "@cased" lines are parsed on first use.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
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

const DEFAULT_FILE = new URL('../../corpus/casing/en.casing', import.meta.url)
/** P(lowercase) given to unknown words */
const UNKNOWN_LOWER = 0.5
/** P(ALL CAPS) given to unknown vowel-less words of 2-5 letters ("cbp", "nfl"), which are acronyms */
const UNKNOWN_ACRONYM = 0.6

interface Entry {
  forms: CaseChoice[]
  n: number
  solo: number
}

const POSSESSIVE = /^(.+?)(['’][sS]|(?<=[sS])['’])$/u
const HAS_LETTER = /\p{L}/u
const VOWELLESS = /^[b-df-hj-np-tv-xz]{2,5}$/

export class CasingModel {
  /** number: P(lowercase) of a lowercase-only key; string: unparsed "@cased" line rest; Entry: parsed */
  private readonly table: Map<string, number | string | Entry>

  /** Word pairs English writes capitalized together ("white house" -> "White House"). */
  private readonly names: Map<string, string>

  private constructor(table: Map<string, number | string | Entry>, names: Map<string, string>) {
    this.table = table
    this.names = names
  }

  /** Number of keys in the model. */
  get size(): number {
    return this.table.size
  }

  static load(path?: string): CasingModel {
    const file = path ?? fileURLToPath(DEFAULT_FILE)
    return CasingModel.parse(readFileSync(file, 'utf8'))
  }

  static parse(text: string): CasingModel {
    const table = new Map<string, number | string | Entry>()
    const names = new Map<string, string>()
    let lowerP: number | null = null // null: inside @cased
    let inNames = false
    let inBody = false
    let pos = 0
    const len = text.length
    while (pos < len) {
      let end = text.indexOf('\n', pos)
      if (end < 0) end = len
      const line = text.slice(pos, end)
      pos = end + 1
      if (line === '' || line.charCodeAt(0) === 35 /* # */) continue
      if (line.charCodeAt(0) === 64 /* @ */) {
        inBody = true
        inNames = line === '@names'
        if (line === '@cased' || inNames) lowerP = null
        else if (line.startsWith('@lower ')) lowerP = Number(line.slice(7))
        else throw new Error(`casing: unknown section ${line}`)
        continue
      }
      if (!inBody) continue
      if (inNames) {
        const tab = line.indexOf('\t')
        if (tab > 0) names.set(line.slice(0, tab), line.slice(tab + 1))
      } else if (lowerP !== null) {
        table.set(line, lowerP)
      } else {
        const tab = line.indexOf('\t')
        if (tab > 0) table.set(line.slice(0, tab), line.slice(tab + 1))
      }
    }
    return new CasingModel(table, names)
  }

  /** How English writes two words that often form a name ("white house"), if they do. */
  name(first: string, second: string): CaseChoice | undefined {
    const found = this.names.get(`${first} ${second}`.toLowerCase().replace(/[‘’]/g, "'"))
    if (!found) return undefined
    const [form = '', p = '1'] = found.split('\t')
    return { form, probability: Number(p) }
  }

  private entry(key: string): Entry | undefined {
    const v = this.table.get(key)
    if (v === undefined) return undefined
    if (typeof v === 'number') return { forms: [{ form: key, probability: v }], n: -1, solo: v }
    if (typeof v === 'string') {
      const [formsField = '', n = '0', solo = '1'] = v.split('\t')
      const forms = formsField.split(',').map((pair) => {
        const i = pair.lastIndexOf(':')
        return { form: pair.slice(0, i), probability: Number(pair.slice(i + 1)) }
      })
      const e: Entry = { forms, n: Number(n), solo: Number(solo) }
      this.table.set(key, e)
      return e
    }
    return v
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

function round3(x: number): number {
  return Math.round(x * 1000) / 1000
}

let singleton: CasingModel | undefined

/** The model from corpus/casing/en.casing, loaded on first use. */
export function defaultCasing(): CasingModel {
  return (singleton ??= CasingModel.load())
}

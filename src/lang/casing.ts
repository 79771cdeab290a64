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

/**
 * Re-case `word` in the given pattern: 'lower', 'upper', 'title' (first letter capital, the rest
 * lowercase), or 'mixed', copying letter by letter the capitals of `model` (letters beyond the
 * model's are lowercase; without a model the word is returned unchanged).
 */
export function withCasePattern(word: string, pattern: CasePattern, model?: string): string {
  switch (pattern) {
    case 'lower':
      return word.toLowerCase()
    case 'upper':
      return word.toUpperCase()
    case 'title': {
      let done = false
      let out = ''
      for (const ch of word) {
        if (!done && HAS_LETTER.test(ch)) {
          out += ch.toUpperCase()
          done = true
        } else out += ch.toLowerCase()
      }
      return out
    }
    case 'mixed': {
      if (model === undefined) return word
      const caps = [...model].filter((ch) => HAS_LETTER.test(ch)).map((ch) => ch !== ch.toLowerCase())
      let i = 0
      let out = ''
      for (const ch of word) {
        if (HAS_LETTER.test(ch)) {
          out += caps[i] ? ch.toUpperCase() : ch.toLowerCase()
          i++
        } else out += ch
      }
      return out
    }
  }
}

/**
 * Write `word` with the casing pattern of `form`: applyCase("chicagoans", "Chicago") ->
 * "Chicagoans", applyCase("mcdonalds", "McDonald") -> "McDonalds", applyCase("Police", "police")
 * -> "police".
 */
export function applyCase(word: string, form: string): string {
  return withCasePattern(word, casePattern(form), form)
}

const CONNECTORS = new Set(['of', 'and', 'for', 'the', 'on', 'de', 'la', 'del', 'van', 'von', '&'])
const FUNCTION_WORDS = new Set(
  (
    'the a an and or but nor of in on at to for from by with into onto over under about as than that this these ' +
    'those which who whom whose what when where why how is are was were be been being has have had do does did ' +
    'will would shall should can could might must it its he his him she her they them their we our you your me ' +
    'my not no so if then there here all any some such only also very just after before while since because ' +
    'though although during between among through against without within upon'
  ).split(' '),
)
const OPENERS = /^[("'“‘\[{«]+/u
const ENDS_SENTENCE = /[.!?:…]["'”’)\]}»]*$/u
const STRIP = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu

/**
 * How corrupted the casing of a run of words (a paragraph) looks, 0..1.
 *
 * Every word that is not sentence-initial (nor right after an opening quote or bracket) and is
 * known to the model contributes a mismatch m:
 *   Title Case        m = P(lowercase mid-sentence)                ("Authorities" ~0.99, "Chicago" ~0)
 *   ALL CAPS (2+)     m = 1 - P(ALL CAPS)                          halved for an isolated word of
 *                                                                  <= 5 letters (probably an acronym)
 *   lowercase         m = max(0, 1 - 2 * solo)                     ("chicago" ~0.97, "president" ~0.1)
 * and the score is (sum m + 2 * 0.02) / (count + 2). Clean prose scores ~0-0.1; text with most
 * words Title Cased or in CAPS scores 0.4 and more. Tokens may carry punctuation ("Chicago,").
 */
export function casingCorruption(words: string[], model: CasingModel = defaultCasing()): number {
  const ALPHA = 2
  const PRIOR = 0.02
  interface Item {
    w: string
    pattern: CasePattern
    initial: boolean
  }
  const items: Item[] = []
  let boundary = true
  for (const raw of words.flatMap((w) => w.split(/\s+/))) {
    if (raw === '') continue
    const opened = OPENERS.test(raw)
    let core = raw.replace(STRIP, '')
    if (core.endsWith('.') && !/^(?:\p{L}\.)+$/u.test(core)) core = core.replace(/\.+$/, '')
    const initial = boundary || opened
    boundary = ENDS_SENTENCE.test(raw)
    if (!HAS_LETTER.test(core)) continue
    if (/\p{L}\.[,;]$/u.test(raw) && !/^(?:\p{L}\.)+$/u.test(core)) continue // abbreviation: "Ill.,"
    const parts = /^(?:\p{L}\.)+$/u.test(core) ? [core] : core.split('-')
    parts.forEach((p, i) => {
      if (HAS_LETTER.test(p)) items.push({ w: p, pattern: casePattern(p), initial: initial && i === 0 })
    })
  }
  // Name-like spans: 2-6 consecutive Title Case words (lowercase connectors allowed inside) with
  // no capitalized function word after the first ("Cook County", "Immigration and Customs
  // Enforcement", "The Washington Post"). Their words count half: clean text has such names,
  // corrupted text capitalizes function words too ("Main His Mass Deportation Push Has").
  const nameLike = new Array<boolean>(items.length).fill(false)
  for (let i = 0; i < items.length; ) {
    if (items[i]!.pattern !== 'title') {
      i++
      continue
    }
    let j = i
    const members = [i]
    while (j + 1 < items.length) {
      const next = items[j + 1]!
      if (next.initial) break
      if (next.pattern === 'title') {
        j++
        members.push(j)
      } else if (next.pattern === 'lower' && CONNECTORS.has(next.w) && items[j + 2]?.pattern === 'title' && !items[j + 2]!.initial) {
        j += 2
        members.push(j)
      } else break
    }
    const fn = members.slice(1).some((k) => FUNCTION_WORDS.has(items[k]!.w.toLowerCase()))
    if (members.length >= 2 && members.length <= 6 && !fn) for (const k of members) nameLike[k] = true
    i = j + 1
  }
  let sum = 0
  let count = 0
  items.forEach((it, i) => {
    if (it.initial || it.pattern === 'mixed' || !model.isKnown(it.w)) return
    let m: number
    if (it.pattern === 'title') {
      m = model.patternProbability(it.w, 'lower')
      if (nameLike[i]) m *= 0.5
    } else if (it.pattern === 'upper') {
      m = 1 - model.patternProbability(it.w, 'upper')
      const isolated = items[i - 1]?.pattern !== 'upper' && items[i + 1]?.pattern !== 'upper'
      if (isolated && it.w.replace(/[^\p{L}]/gu, '').length <= 5) m *= 0.5
    } else {
      m = Math.max(0, 1 - 2 * model.distribution(it.w).solo)
    }
    sum += m
    count++
  })
  return (sum + ALPHA * PRIOR) / (count + ALPHA)
}

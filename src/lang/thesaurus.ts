/**
 * The restorer's thesaurus: LibreOffice's English thesaurus (MyThes, built from WordNet),
 * converted by scripts/build-thesaurus.mjs into corpus/thesaurus/en-us.thes.
 *
 * Spinners walk synonym lists forwards; unspin walks them backwards. `sources(term)` lists the
 * headwords whose synonym lists hold `term`, and `origins(tokens)` searches backwards through up
 * to three hops, including spans made by re-substituting the components of a multi-word synonym
 * ("put of enterprise" <- "place of business" <- "office") and inflected words ("brokers" <-
 * "agents").
 *
 * Memory layout: everything is computed by scripts/build-thesaurus.mjs and viewed in place over
 * the file's bytes as typed arrays, so that loading decodes nothing: the strings (the terms sorted
 * in JS string order, so a term's id is its alphabetical rank, then the other words of multi-word
 * terms), each decoded on first use; the forward adjacency (CSR: offsets + targets); the reverse
 * adjacency, each list ranked best first so that capping branching is taking a prefix, with what
 * each edge costs a search; and a word index (each term as word ids, and a trie over them for
 * lookups). Searches run on integers in scratch space reused across calls.
 */
import {readFileSync} from 'node:fs'
import {Memo} from '../memo.js'
import {Buffer} from 'node:buffer'
import {dataBytes, dataPath} from './data.js'

/** A candidate original for a spun span. */
export interface Origin {
  /** The original term, lowercase, re-inflected like the spun span. */
  original: string
  /** Substitutions between the original and the spun span (1..maxHops). */
  hops: number
  /** From the spun span (first) to the original (last): hops + 1 entries. */
  path: string[]
  /** fanout() of each entry of the path after the first: the choices the spinner had there. */
  fanouts: number[]
}

/** Originals with a score each, and the term id of each (its alphabetical rank; -1: an inflected form that is no term). */
export interface ScoredOrigins {
  originals: string[]
  scores: number[]
  terms: number[]
}

/** Inflections the rule-based helper knows. `en` is the past participle where it differs. */
export type Inflection = 's' | 'ed' | 'en' | 'ing' | 'er' | 'est'

/** Parts of speech where a term is a headword (bit mask). */
export const POS_NOUN = 1
export const POS_VERB = 2
export const POS_ADJ = 4
export const POS_ADV = 8

/** Sources followed per term, by depth of the hop (1st, 2nd, 3rd, further). */
const CAPS = [40, 8, 4, 2]
/** Sources tried per component of a multi-word span. */
const COMPONENT_CAP = 40
/** Upper bounds on the work of one origins() call. */
const MAX_NODES = 1500
const MAX_VARIANTS = 400
const MAX_TOKENS = 5

// ---- file format (scripts/build-thesaurus.mjs writes it with encodeTables) ----

const MAGIC = 'UNSPTHS1'
const VERSION = 2
/** The sections of a .thes file, in file order, as the typed arrays they are viewed as. */
const SECTIONS = {
  /** UTF-8 strings back to back: the terms in JS string order, then the other words of multi-word terms, sorted. */
  strings: Uint8Array,
  /** String k is strings[stringOff[k] .. stringOff[k + 1]). */
  stringOff: Int32Array,
  /** Per term: bits 0-3 POS_* mask where it is a headword, bits 4-7 number of senses (max 15). */
  info: Uint8Array,
  /** Forward CSR: what a spinner could write for term k is fwdTo[fwdOff[k] .. fwdOff[k + 1]), best first. */
  fwdOff: Int32Array,
  fwdTo: Int32Array,
  /** Reverse CSR, each list ranked best first, and what each edge costs a search (Thesaurus.revCost). */
  revOff: Int32Array,
  revFrom: Int32Array,
  revCost: Uint8Array,
  /** Word index: the word ids of term k are seq[seqOff[k] .. seqOff[k + 1]); the trie (see TermIndex). */
  seqOff: Int32Array,
  seq: Int32Array,
  childBits: Int32Array,
  edges: Int32Array
} as const
type SectionName = keyof typeof SECTIONS
/** The contents of a .thes file. */
export type Tables = {[K in SectionName]: InstanceType<(typeof SECTIONS)[K]>}
const NAMES = Object.keys(SECTIONS) as SectionName[]
/** Magic, version, then each section's length in bytes (all u32 little-endian); sections start at multiples of 8. */
const HEADER_BYTES = align8(12 + 4 * NAMES.length)
/** Typed arrays read the platform's byte order, the file is little-endian. */
const BIG_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 0

function align8(n: number): number {
  return (n + 7) & ~7
}

/** The bytes of a .thes file that holds `tables`. */
export function encodeTables(tables: Tables): Uint8Array {
  const starts: number[] = []
  let size = HEADER_BYTES
  for (const name of NAMES) {
    // the build script is plain JavaScript: check what the types would
    if (!(tables[name] instanceof SECTIONS[name])) throw new Error(`section ${name} is no ${SECTIONS[name].name}`)
    starts.push(size)
    size = align8(size + tables[name].byteLength)
  }
  const bytes = Buffer.alloc(size)
  bytes.write(MAGIC, 0, 'latin1')
  bytes.writeUInt32LE(VERSION, 8)
  NAMES.forEach((name, k) => {
    const table = tables[name]
    bytes.writeUInt32LE(table.byteLength, 12 + 4 * k)
    bytes.set(new Uint8Array(table.buffer, table.byteOffset, table.byteLength), starts[k])
    swapIfBigEndian(bytes.subarray(starts[k], starts[k] + table.byteLength), SECTIONS[name])
  })
  return bytes
}

/** Views the sections of a .thes file in place: nothing is decoded or copied, but for a misaligned buffer. */
function decodeTables(file: Buffer, path: string): Tables {
  if (file.length < HEADER_BYTES || file.toString('latin1', 0, 8) !== MAGIC) throw new Error(`${path}: not an unspin thesaurus file`)
  const version = file.readUInt32LE(8)
  if (version !== VERSION) throw new Error(`${path}: unsupported thesaurus version ${version}; rebuild it with scripts/build-thesaurus.mjs`)
  // an Int32Array view must start at a multiple of 4 (a large file's buffer is not pooled, so this is rare)
  const bytes = file.byteOffset % 8 === 0 ? file : Buffer.from(new Uint8Array(file).buffer)
  const tables: Partial<Record<SectionName, Uint8Array | Int32Array>> = {}
  let at = HEADER_BYTES
  NAMES.forEach((name, k) => {
    const Type = SECTIONS[name]
    const length = bytes.readUInt32LE(12 + 4 * k)
    if (at + length > bytes.length || length % Type.BYTES_PER_ELEMENT !== 0) throw new Error(`${path}: corrupt thesaurus file`)
    swapIfBigEndian(bytes.subarray(at, at + length), Type)
    tables[name] = new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset + at, length / Type.BYTES_PER_ELEMENT)
    at = align8(at + length)
  })
  if (!consistent(tables as Tables)) throw new Error(`${path}: corrupt thesaurus file`)
  return tables as Tables
}

/** Turns little-endian 32-bit integers into the platform's order, and back. */
function swapIfBigEndian(section: Buffer, Type: (typeof SECTIONS)[SectionName]): void {
  if (BIG_ENDIAN && Type.BYTES_PER_ELEMENT === 4) section.swap32()
}

/** Whether the sections' sizes agree, so that no lookup reads past one. */
function consistent(t: Tables): boolean {
  const terms = t.info.length
  const strings = t.stringOff.length - 1
  const edges = t.fwdTo.length
  const slots = t.edges.length / 4
  return (
    strings >= terms &&
    t.stringOff[strings] === t.strings.length &&
    [t.fwdOff, t.revOff, t.seqOff].every((off) => off.length === terms + 1) &&
    t.fwdOff[terms] === edges &&
    t.revOff[terms] === edges &&
    t.revFrom.length === edges &&
    t.revCost.length === edges &&
    t.seqOff[terms] === t.seq.length &&
    t.childBits.length > strings &&
    slots >= 2 &&
    (slots & (slots - 1)) === 0
  )
}

/** Words whose lemma readings are remembered. */
const LEMMA_MEMO_SIZE = 50_000
/**
 * Inflected forms that are no terms remembered at most; past that they are all forgotten. Each
 * takes about 80 bytes of heap (its text, twice indexed): 200,000, about 16 MB of a worker's 96.
 */
const MAX_FORMS = 50_000

/** A reading of a span: as written, or with one inflected word replaced by its lemma. */
interface Reading {
  tokens: string[]
  /** Word ids of the tokens (-1: a word in no term). */
  words: number[]
  kind: Inflection | undefined
  cost: number
}

/** The best way to an original found so far: its last node, and the inflection of its reading. */
interface Best {
  original: string
  /** The original's text id (see Thesaurus.textId). */
  id: number
  hops: number
  cost: number
  node: number
  kind: Inflection | undefined
}

/** A multi-word term that the span could have been made from by substituting its components. */
interface Variant {
  term: number
  hops: number
  cost: number
  /** The span after each substitution, left to right: the term last. */
  steps: string[]
}

export class Thesaurus {
  private readonly strings: StringTable
  private readonly info: Uint8Array
  private readonly fwdOff: Int32Array
  private readonly fwdTo: Int32Array
  private readonly revOff: Int32Array
  private readonly revFrom: Int32Array
  /**
   * What stepping back along each reverse edge costs a search, in eighths: the edge's rank, the
   * source's rarity, one more for a multi-word source, and one for the hop (see the build script).
   */
  private readonly revCost: Uint8Array
  private readonly index: TermIndex
  private space: SearchSpace | undefined
  private originals: Originals | undefined
  /** Lemma readings by word: the same words recur in many spans. */
  private readonly lemmaMemo = new Memo(LEMMA_MEMO_SIZE, (word: string) => this.readLemmas(word))
  /** Word ids by word, for the same reason (each is a binary search over the strings). */
  private readonly wordIds = new Memo(LEMMA_MEMO_SIZE, (word: string) => this.index.word(word))
  /**
   * Per inflection, the form of each term as a text id + 1 (0: not made yet, -1: none): the same
   * terms are reached by many searches.
   */
  private readonly forms = new Map<Inflection, Int32Array>()
  /**
   * Inflected forms that are no terms, numbered on from the terms: with term ids, they give each
   * original an integer, so that results are told apart without hashing strings.
   */
  private readonly formIds = new Map<string, number>()
  private readonly formTexts: string[] = []

  private constructor(tables: Tables) {
    this.strings = new StringTable(tables.strings, tables.stringOff, tables.info.length)
    this.info = tables.info
    this.fwdOff = tables.fwdOff
    this.fwdTo = tables.fwdTo
    this.revOff = tables.revOff
    this.revFrom = tables.revFrom
    this.revCost = tables.revCost
    this.index = new TermIndex(this.strings, tables)
  }

  /** Reads a .thes file (default: the one in corpus/thesaurus, its bytes shared by every thread). */
  static load(path?: string): Thesaurus {
    if (path !== undefined) return new Thesaurus(decodeTables(readFileSync(path), path))
    const bytes = dataBytes('thesaurus')
    return new Thesaurus(decodeTables(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), dataPath('thesaurus')))
  }

  /** Number of distinct terms (headwords and synonyms). */
  get size(): number {
    return this.info.length
  }

  /** Whether `term` (lowercase, single spaces) is a headword or a synonym. */
  has(term: string): boolean {
    return this.idOf(term) >= 0
  }

  /** Parts of speech (POS_* mask) in which `term` is a headword; 0 when it is not one. */
  pos(term: string): number {
    const id = this.idOf(term)
    return id < 0 ? 0 : this.info[id] & 15
  }

  /** Number of senses of `term` as a headword (capped at 15): a rough commonness measure. */
  senses(term: string): number {
    const id = this.idOf(term)
    return id < 0 ? 0 : this.info[id] >> 4
  }

  /** How many synonyms a spinner could pick from for `term` (0 when it is no headword). */
  fanout(term: string): number {
    const id = this.idOf(term)
    return id < 0 ? 0 : this.fwdOff[id + 1] - this.fwdOff[id]
  }

  /** The id of a term (headword or synonym), -1 for none: for callers that index terms by id. */
  id(term: string): number {
    return this.idOf(term)
  }

  /** Backward, one hop, as ids: the terms whose synonym lists hold the term of id `id`. */
  sourceIds(id: number): Int32Array {
    return this.revFrom.subarray(this.revOff[id], this.revOff[id + 1])
  }

  /** Forward, one hop: what a spinner could write for `term`, best first. */
  synonyms(term: string): string[] {
    const id = this.idOf(term)
    if (id < 0) return []
    const out: string[] = []
    for (let e = this.fwdOff[id]; e < this.fwdOff[id + 1]; e++) out.push(this.strings.text(this.fwdTo[e]))
    return out
  }

  /** Backward, one hop: terms whose synonym lists contain `term`, best first. */
  sources(term: string): string[] {
    const id = this.idOf(term)
    if (id < 0) return []
    const out: string[] = []
    for (let e = this.revOff[id]; e < this.revOff[id + 1]; e++) out.push(this.strings.text(this.revFrom[e]))
    return out
  }

  /**
   * Candidate originals of a spun span, by backward search within `maxHops` substitutions.
   * `spun` holds the lowercase words of the span (1..5; a longer span is only looked up as a
   * whole). Each original appears once, with its smallest hop count; results are sorted by hops,
   * then by a plausibility cost (relation kind, sense rank, commonness, single words first). The
   * spun span itself and its lemma are never returned. Branching is capped (40 sources per term
   * at the first hop, 8 at the second, 4 at the third, at most 1,500 nodes per reading).
   */
  origins(spun: string[], maxHops = 3): Origin[] {
    const {spunText, results} = this.reach(spun, maxHops)
    // paths are spelt out for the results only, not for every term the searches reached
    return results.sort(this.byRank).map((b) => this.originOf(b, spunText))
  }

  /**
   * The originals origins() lists, each scored by the sum of `stepScore` over its fanouts (first
   * step first), highest score first and equal ones in origins() order: what ranking needs, found
   * without spelling out any path.
   */
  scoredOrigins(spun: string[], maxHops: number, stepScore: (fanout: number) => number): ScoredOrigins {
    const results = this.reach(spun, maxHops).results
    const scores = results.map((b) => this.pathScore(b.node, b.kind, stepScore))
    const order = results.map((_, k) => k).sort((a, b) => scores[b] - scores[a] || this.byRank(results[a], results[b]))
    return {
      originals: order.map((k) => results[k].original),
      scores: order.map((k) => scores[k]),
      terms: order.map((k) => (results[k].id < this.size ? results[k].id : -1))
    }
  }

  /** What origins() lists for `original`, found without spelling out the other results. */
  origin(spun: string[], original: string, maxHops = 3): Origin | undefined {
    const {spunText, results} = this.reach(spun, maxHops)
    const best = results.find((b) => b.original === original)
    return best && this.originOf(best, spunText)
  }

  /** Lemma readings of an inflected word that are headwords of a fitting part of speech (remembered). */
  lemmas(word: string): readonly {lemma: string; kind: Inflection}[] {
    return this.lemmaMemo.get(word)
  }

  private readLemmas(word: string): {lemma: string; kind: Inflection}[] {
    const out: {lemma: string; kind: Inflection}[] = []
    const seen = new Set<string>()
    // a word that is itself a headword is not read as a comparative ("broker" is not "more broke")
    const self = this.idOf(word)
    const isHead = self >= 0 && (this.info[self] & 15) !== 0
    for (const c of lemmaCandidates(word)) {
      if (isHead && (c.kind === 'er' || c.kind === 'est')) continue
      const key = c.lemma + '|' + c.kind
      if (seen.has(key) || c.lemma === word) continue
      seen.add(key)
      const id = this.idOf(c.lemma)
      if (id < 0) continue
      if (!this.fitsId(id, c.kind)) continue
      out.push({lemma: c.lemma, kind: c.kind})
    }
    return out
  }

  /**
   * Inflects a (possibly multi-word) term like a spun word: plural/3rd person on the head noun
   * (the word before "of", else the last word) or on the first word of a verb phrase; past,
   * participle and -ing on the first word; comparatives only on single words.
   */
  inflectTerm(term: string, kind: Inflection): string | undefined {
    return this.inflectId(term, this.idOf(term), kind)
  }

  // ---- internals ----

  /** inflectTerm() for a term whose id is known (-1: not a term). */
  private inflectId(term: string, id: number, kind: Inflection): string | undefined {
    if (!term.includes(' ')) return inflect(term, kind)
    const words = term.split(' ')
    let at: number
    if (kind === 'er' || kind === 'est') return undefined
    if (kind === 's') {
      const pos = id < 0 ? 0 : this.info[id] & 15
      const of = words.indexOf('of')
      if ((pos & POS_VERB) !== 0 && (pos & POS_NOUN) === 0) at = 0
      else if (of > 0) at = of - 1
      else at = words.length - 1
    } else {
      at = 0
    }
    words[at] = inflect(words[at], kind)
    return words.join(' ')
  }

  /** Text id of the form of a term under an inflection, -1 if it has none; made on first use and kept. */
  private formOf(term: number, kind: Inflection): number {
    let forms = this.forms.get(kind)
    if (!forms) this.forms.set(kind, (forms = new Int32Array(this.size)))
    if (forms[term] === 0) {
      const form = this.inflectId(this.strings.text(term), term, kind)
      forms[term] = form === undefined ? -1 : this.textId(form) + 1
    }
    return forms[term] < 0 ? -1 : forms[term] - 1
  }

  /** Forgets the inflected forms made so far: they are made again as needed. */
  private forgetForms(): void {
    this.forms.clear()
    this.formIds.clear()
    this.formTexts.length = 0
  }

  /** A term's id, or for other texts an id from the number of terms on, given on first sight. */
  private textId(text: string): number {
    const term = this.idOf(text)
    if (term >= 0) return term
    let id = this.formIds.get(text)
    if (id === undefined) {
      id = this.size + this.formTexts.push(text) - 1
      this.formIds.set(text, id)
    }
    return id
  }

  /** The text of a text id. */
  private text(id: number): string {
    return id < this.size ? this.strings.text(id) : this.formTexts[id - this.size]
  }

  /** Order of results: fewest hops, cheapest, then alphabetical (term ids are in alphabetical order). */
  private readonly byRank = (x: Best, y: Best): number => {
    if (x.hops !== y.hops) return x.hops - y.hops
    if (x.cost !== y.cost) return x.cost - y.cost
    if (x.id < this.size && y.id < this.size) return x.id - y.id
    return x.original < y.original ? -1 : x.original > y.original ? 1 : 0
  }

  /** Whether a term can carry the inflection (by the parts of speech it is a headword in; unknown: yes). */
  private fitsId(id: number, kind: Inflection): boolean {
    if (id < 0) return true
    const pos = this.info[id] & 15
    const want = kind === 's' ? POS_NOUN | POS_VERB : kind === 'er' || kind === 'est' ? POS_ADJ | POS_ADV : POS_VERB
    return pos === 0 || (pos & want) !== 0
  }

  /** The id of a term (lowercase, single spaces), -1 if it is none. */
  private idOf(term: string): number {
    return this.strings.find(term, 0, this.size)
  }

  /** The originals of a spun span (see origins()), unsorted, and the span as one text. */
  private reach(spun: string[], maxHops: number): {spunText: string; results: Best[]} {
    const tokens = normalized(spun)
    const spunText = tokens.join(' ')
    if (tokens.length === 0 || maxHops < 1) return {spunText, results: []}
    if (this.formTexts.length > MAX_FORMS) this.forgetForms()
    this.space ??= new SearchSpace(this.size)
    this.originals ??= new Originals(this.size)
    this.space.clear()
    this.originals.clear()
    const readings = this.readings(tokens)
    const wholes = readings.map((reading) => {
      const whole = this.search(reading, maxHops)
      this.collect(reading, this.originals!)
      return whole
    })
    if (this.originals.list.length === 0) return {spunText, results: []}
    // the span and its readings are no originals (any that is no term may have been made as a form)
    const excluded = readings.map((reading, k) => wholes[k] >= 0 ? wholes[k] : (this.formIds.get(reading.tokens.join(' ')) ?? -1))
    return {spunText, results: this.originals.list.filter((b) => !excluded.includes(b.id))}
  }

  /** Readings of the span: as written, and with one inflected word (first, last, or before "of") lemmatized. */
  private readings(tokens: string[]): Reading[] {
    const words = tokens.map((token) => this.wordIds.get(token))
    const out: Reading[] = [{tokens, words, kind: undefined, cost: 0}]
    if (tokens.length > MAX_TOKENS) return out
    const spots = new Set<number>([0, tokens.length - 1])
    const of = tokens.indexOf('of')
    if (of > 0) spots.add(of - 1)
    for (const i of spots) {
      for (const {lemma, kind} of this.lemmas(tokens[i])) {
        const t = tokens.slice()
        const w = words.slice()
        t[i] = lemma
        w[i] = this.wordIds.get(lemma)
        out.push({tokens: t, words: w, kind, cost: 0.5})
      }
    }
    return out
  }

  /**
   * Backward search from one reading of the span, in lemma form: its nodes are added to the
   * search space, and each term reached keeps its best node (fewest hops, then cheapest).
   * Returns the term the reading spells, -1 if none.
   */
  private search(reading: Reading, maxHops: number): number {
    const space = this.space!
    const base = space.begin()
    // the span itself, a root at 0 hops
    const whole = this.index.termOf(reading.words)
    const root = space.push(whole, 0, 0, -1)
    if (whole >= 0) space.mark(whole, root)
    // variants of a multi-word span with components swapped for their sources
    const n = reading.words.length
    if (n > 1 && n <= MAX_TOKENS) {
      for (const v of this.componentVariants(reading, maxHops)) {
        // chain of intermediate spans: one substitution at a time, left to right
        let parent = root
        for (let s = 0; s < v.steps.length - 1; s++) parent = space.pushLabel(v.steps[s], s + 1, v.cost, parent)
        space.add(v.term, v.hops, v.cost, parent)
      }
    }
    this.expand(base, maxHops)
    return whole
  }

  /** Level-by-level backward expansion of the search that starts at node `base`. */
  private expand(base: number, maxHops: number): void {
    const space = this.space!
    const {revOff, revFrom, revCost} = this
    for (let h = 0; h < maxHops; h++) {
      const cap = CAPS[Math.min(h, CAPS.length - 1)]
      // level h: the search's nodes at h hops that stand for a term and are not superseded, in order
      for (let n = base; n < space.length && space.length - base <= MAX_NODES; n++) {
        const t = space.term[n]
        if (space.hops[n] !== h || t < 0 || space.nodeOf(t) !== n) continue
        const cost = space.cost[n]
        const end = Math.min(revOff[t + 1], revOff[t] + cap)
        for (let e = revOff[t]; e < end; e++) {
          // costs are multiples of 1/8, so their sums are exact whatever the order
          space.add(revFrom[e], h + 1, cost + revCost[e] / 8, n)
        }
      }
    }
  }

  /** Offers the terms the last search reached as originals, re-inflected like its reading. */
  private collect(reading: Reading, originals: Originals): void {
    const space = this.space!
    const kind = reading.kind
    for (let i = 0; i < space.foundCount; i++) {
      const term = space.found[i]
      const node = space.nodeOf(term)
      const hops = space.hops[node]
      if (hops === 0) continue
      const cost = space.cost[node] + reading.cost
      const id = !kind ? term : this.fitsId(term, kind) ? this.formOf(term, kind) : -1
      if (id >= 0) originals.offer(this.text(id), id, hops, cost, node, kind)
    }
  }

  /** A result with its path from the spun span to the original, steps re-inflected like its reading. */
  private originOf(b: Best, spunText: string): Origin {
    const space = this.space!
    let length = 0
    for (let m = b.node; m >= 0; m = space.parent[m]) length++
    const path = new Array<string>(length)
    const fanouts = new Array<number>(length - 1)
    path[0] = spunText
    path[length - 1] = b.original
    fanouts[length - 2] = this.fanoutOfText(b.id)
    for (let k = length - 2, m = space.parent[b.node]; k > 0; k--, m = space.parent[m]) {
      const step = this.step(m, b.kind)
      path[k] = step.text
      fanouts[k - 1] = step.fanout
    }
    return {original: b.original, hops: b.hops, path, fanouts}
  }

  /** The sum of `stepScore` over the fanouts of the path to a (non-root) node, first step first. */
  private pathScore(node: number, kind: Inflection | undefined, stepScore: (fanout: number) => number): number {
    const parent = this.space!.parent[node]
    const before = this.space!.parent[parent] < 0 ? 0 : this.pathScore(parent, kind, stepScore)
    return before + stepScore(this.stepFanout(node, kind))
  }

  /** An intermediate node: a term (inflected like the span), or a half-substituted span. */
  private step(node: number, kind: Inflection | undefined): {text: string; fanout: number} {
    const term = this.space!.term[node]
    if (term < 0) {
      const text = this.labelText(node, kind)
      return {text, fanout: this.fanout(text)}
    }
    const id = this.stepId(term, kind)
    return {text: this.text(id), fanout: this.fanoutOfText(id)}
  }

  /** step(node, kind).fanout, without the text where the node is a term. */
  private stepFanout(node: number, kind: Inflection | undefined): number {
    const term = this.space!.term[node]
    return term < 0 ? this.fanout(this.labelText(node, kind)) : this.fanoutOfText(this.stepId(term, kind))
  }

  /** The text of a half-substituted span's node, inflected like the span. */
  private labelText(node: number, kind: Inflection | undefined): string {
    const label = this.space!.labels.get(node)!
    return kind ? this.inflectId(label, -1, kind) ?? label : label
  }

  /** The text id of a term's node: its form under the span's inflection, where it has one. */
  private stepId(term: number, kind: Inflection | undefined): number {
    const form = kind ? this.formOf(term, kind) : -1
    return form >= 0 ? form : term
  }

  /** fanout() of a text id: 0 for a text that is no term. */
  private fanoutOfText(id: number): number {
    return id < this.size ? this.fwdOff[id + 1] - this.fwdOff[id] : 0
  }

  /**
   * Known multi-word terms that the span could have been made from by replacing chunks (a word,
   * or a multi-word term inside the span) with one of their synonyms: each chunk is kept or
   * traced back one hop. The walk follows the term trie, so a choice that starts no term is
   * dropped at once, and no text is built but for the variants found.
   */
  private componentVariants(reading: Reading, maxHops: number): Variant[] {
    const {tokens, words} = reading
    // a word in no term can be neither kept nor replaced
    if (words.includes(-1)) return []
    const {index, revOff, revFrom, revCost} = this
    const n = words.length
    const chunks = this.chunkTerms(words)
    const out: Variant[] = []
    // the chunks chosen so far: where each starts, and the source put there (-1: the words kept)
    const starts: number[] = []
    const sources: number[] = []
    const walk = (i: number, node: number, hops: number, cost: number): void => {
      if (out.length >= MAX_VARIANTS) return
      if (i === n) {
        const term = index.termAt(node)
        if (hops > 0 && term >= 0) out.push({term, hops, cost, steps: this.variantSteps(tokens, starts, sources)})
        return
      }
      // keep the word
      const kept = index.next(node, words[i])
      if (leads(kept, i + 1)) descend(i, -1, i + 1, kept, hops, cost)
      if (hops >= maxHops) return
      for (let j = i + 1; j <= n; j++) {
        const chunk = chunks[i * n + j - 1]
        if (chunk < 0) continue
        const end = Math.min(revOff[chunk + 1], revOff[chunk] + COMPONENT_CAP)
        for (let e = revOff[chunk]; e < end; e++) {
          const s = revFrom[e]
          const next = index.follow(node, s)
          // a search's step back (revCost), but with no surcharge for a multi-word source
          if (leads(next, j)) descend(i, s, j, next, hops + 1, cost + (revCost[e] - (index.length(s) > 1 ? 8 : 0)) / 8)
        }
      }
    }
    // a walk goes on past a chunk only if some term continues it, or at the end, if it ends in a node
    const leads = (node: number, j: number): boolean => (j < n ? index.continues(node) : node >= 0)
    const descend = (i: number, source: number, j: number, node: number, hops: number, cost: number): void => {
      starts.push(i)
      sources.push(source)
      walk(j, node, hops, cost)
      starts.pop()
      sources.pop()
    }
    walk(0, index.root, 0, 0)
    return out
  }

  /** Term id of each chunk words[i..j) at [i * n + j - 1], -1 if none; the whole span is no chunk. */
  private chunkTerms(words: number[]): Int32Array {
    const index = this.index
    const n = words.length
    const chunks = new Int32Array(n * n).fill(-1)
    for (let i = 0; i < n; i++) {
      let node = index.root
      for (let j = i + 1; j <= n && node >= 0; j++) {
        node = index.next(node, words[j - 1])
        if (j - i < n) chunks[i * n + j - 1] = index.termAt(node)
      }
    }
    return chunks
  }

  /** The spans a variant passes through: its chunks' substitutions applied left to right. */
  private variantSteps(tokens: string[], starts: number[], sources: number[]): string[] {
    const chunks = starts.map((start, k) => tokens.slice(start, starts[k + 1] ?? tokens.length).join(' '))
    const steps: string[] = []
    sources.forEach((source, k) => {
      if (source < 0) return
      chunks[k] = this.strings.text(source)
      steps.push(chunks.join(' '))
    })
    return steps
  }
}

/**
 * The file's strings: the terms, sorted in JS string order (a term's id is its rank), then the
 * other words of multi-word terms, sorted too. Each is decoded on first use, so that loading
 * decodes nothing; lookups are binary searches that compare a text with the bytes in place.
 */
class StringTable {
  private readonly bytes: Buffer
  private readonly off: Int32Array
  private readonly decoded: (string | undefined)[]
  /** Number of strings that are terms. */
  readonly terms: number

  constructor(bytes: Uint8Array, off: Int32Array, terms: number) {
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    this.off = off
    this.decoded = new Array<string | undefined>(off.length - 1)
    this.terms = terms
  }

  /** Number of strings. */
  get count(): number {
    return this.off.length - 1
  }

  /** The text of string `id`. */
  text(id: number): string {
    return (this.decoded[id] ??= this.bytes.toString('utf8', this.off[id], this.off[id + 1]))
  }

  /** The id of `text` among strings from..to-1 (a sorted range), -1 if none. */
  find(text: string, from: number, to: number): number {
    let lo = from
    let hi = to - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const order = this.compare(text, mid)
      if (order === 0) return mid
      if (order < 0) hi = mid - 1
      else lo = mid + 1
    }
    return -1
  }

  /** Negative, 0 or positive as `text` sorts before, as or after string `id` in JS string order. */
  private compare(text: string, id: number): number {
    const start = this.off[id]
    const length = this.off[id + 1] - start
    const n = Math.min(length, text.length)
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i)
      const b = this.bytes[start + i]
      // UTF-16 code units and UTF-8 bytes agree up to the first character beyond ASCII; where
      // only one side has one, it sorts after the other's ASCII character either way
      if (c >= 0x80 && b >= 0x80) {
        const other = this.text(id)
        return text < other ? -1 : text > other ? 1 : 0
      }
      if (c !== b) return c - b
    }
    return text.length - length
  }
}

/**
 * The terms as sequences of word ids, and a trie over those sequences, so that searches over
 * multi-word terms step from word to word with integers instead of building and hashing strings.
 * A word's id is its string id (so a one-word term's is its term id). Trie nodes: the node of a
 * term is its term id, and of another one-word sequence its word id; then comes the root (the
 * empty sequence), then the prefixes of multi-word terms that are no terms. Edges below the first
 * word are kept in an open-addressing hash table keyed by (node, word), one slot of parent, word
 * and child together so that a probe reads one cache line. All built by scripts/build-thesaurus.mjs.
 * -1 stands for "no such word, node or term" throughout.
 */
class TermIndex {
  /** The trie node of the empty sequence. */
  readonly root: number
  private readonly strings: StringTable
  /** The words of term k are seq[seqOff[k] .. seqOff[k + 1]). */
  private readonly seqOff: Int32Array
  private readonly seq: Int32Array
  /**
   * Per trie node, a filter of the words that continue it: bit (word & 31) is set for each, so
   * most misses need no probe, and 0 means that no term goes on.
   */
  private readonly childBits: Int32Array
  /** Hash table of the edges below the first word (see edgeSlot). */
  private readonly edges: Int32Array

  constructor(strings: StringTable, tables: Tables) {
    this.strings = strings
    this.root = strings.count
    this.seqOff = tables.seqOff
    this.seq = tables.seq
    this.childBits = tables.childBits
    this.edges = tables.edges
  }

  /** Number of words in a term. */
  length(term: number): number {
    return this.seqOff[term + 1] - this.seqOff[term]
  }

  /** Id of a word, -1 when no term has it. */
  word(text: string): number {
    // a text with a space may be a term, but it is no word
    if (text.includes(' ')) return -1
    const term = this.strings.find(text, 0, this.strings.terms)
    return term >= 0 ? term : this.strings.find(text, this.strings.terms, this.strings.count)
  }

  /** The node one word on from `node`. */
  next(node: number, word: number): number {
    if (node < 0 || word < 0) return -1
    if (node === this.root) return word
    if ((this.childBits[node] & (1 << (word & 31))) === 0) return -1
    return this.edges[edgeSlot(this.edges, node, word) + 2]
  }

  /** Whether some term goes on past a node. */
  continues(node: number): boolean {
    return node >= 0 && this.childBits[node] !== 0
  }

  /** The node the words of term `term` lead to from `node`. */
  follow(node: number, term: number): number {
    if (node === this.root) return term
    for (let i = this.seqOff[term]; i < this.seqOff[term + 1] && node >= 0; i++) node = this.next(node, this.seq[i])
    return node
  }

  /** The term that ends at a node. */
  termAt(node: number): number {
    return node >= 0 && node < this.strings.terms ? node : -1
  }

  /** The term made of these words. */
  termOf(words: number[]): number {
    let node = this.root
    for (const word of words) node = this.next(node, word)
    return this.termAt(node)
  }
}

/**
 * Where edge (node, word) is in a trie's edge table, or the empty slot where it would go: the
 * table has a power of two of slots, each [parent, word, child (-1: empty), unused]; this returns
 * the slot's first entry. The build script fills the table with this same probe.
 */
export function edgeSlot(edges: Int32Array, node: number, word: number): number {
  const mask = edges.length - 4
  // the hash's top bits pick one of the edges.length / 4 slots
  const shift = Math.clz32(edges.length >> 2) + 1
  let at = (Math.imul(node ^ Math.imul(word, 0x85ebca6b), 0x9e3779b1) >>> shift) << 2
  while (edges[at + 2] >= 0 && (edges[at] !== node || edges[at + 1] !== word)) at = (at + 4) & mask
  return at
}

/**
 * A map from small integer keys to non-negative integers, emptied in constant time by starting a
 * new epoch: each key's slot holds the epoch it was last set in and its value, side by side so
 * that a lookup reads one cache line. Reused across calls, so no map is built per search.
 */
class EpochMap {
  private slots: Int32Array
  private epoch = 1

  constructor(keys: number) {
    this.slots = new Int32Array(2 * keys)
  }

  clear(): void {
    if (++this.epoch === 0x7fffffff) {
      this.slots.fill(0)
      this.epoch = 1
    }
  }

  /** The value of a key, -1 if it has none in this epoch. */
  get(key: number): number {
    const at = 2 * key
    return at < this.slots.length && this.slots[at] === this.epoch ? this.slots[at + 1] : -1
  }

  set(key: number, value: number): void {
    const at = 2 * key
    while (at >= this.slots.length) this.slots = grow(this.slots)
    this.slots[at] = this.epoch
    this.slots[at + 1] = value
  }
}

/**
 * Scratch space of origins(), reused across calls: the nodes of its searches (one search per
 * reading of the span, appended), and for the current search the node of each term reached.
 */
class SearchSpace {
  length = 0
  term = new Int32Array(4096)
  hops = new Int32Array(4096)
  cost = new Float64Array(4096)
  parent = new Int32Array(4096)
  /** Texts of the nodes that stand for no term (half-substituted spans). */
  readonly labels = new Map<number, string>()
  /** Terms reached by the current search, in the order first reached. */
  found = new Int32Array(1024)
  foundCount = 0
  private readonly nodes: EpochMap

  constructor(terms: number) {
    this.nodes = new EpochMap(terms)
  }

  /** Forgets all nodes. */
  clear(): void {
    this.length = 0
    this.labels.clear()
  }

  /** Starts a search; returns its first node. */
  begin(): number {
    this.nodes.clear()
    this.foundCount = 0
    return this.length
  }

  /** The current search's node for a term, -1 if none. */
  nodeOf(term: number): number {
    return this.nodes.get(term)
  }

  /** Makes `node` the term's node in the current search. */
  mark(term: number, node: number): void {
    if (this.nodes.get(term) < 0) {
      if (this.foundCount === this.found.length) this.found = grow(this.found)
      this.found[this.foundCount++] = term
    }
    this.nodes.set(term, node)
  }

  /** Adds a node for a term, unless the term has one already as near and as cheap. */
  add(term: number, hops: number, cost: number, parent: number): void {
    const prev = this.nodes.get(term)
    if (prev >= 0 && (this.hops[prev] < hops || (this.hops[prev] === hops && this.cost[prev] <= cost))) return
    this.mark(term, this.push(term, hops, cost, parent))
  }

  /** Adds a node for a span that is no term. */
  pushLabel(text: string, hops: number, cost: number, parent: number): number {
    const node = this.push(-1, hops, cost, parent)
    this.labels.set(node, text)
    return node
  }

  /** Adds a node (term -1: none), not marked as the term's. */
  push(term: number, hops: number, cost: number, parent: number): number {
    if (this.length === this.term.length) {
      this.term = grow(this.term)
      this.hops = grow(this.hops)
      this.cost = grow(this.cost)
      this.parent = grow(this.parent)
    }
    const node = this.length++
    this.term[node] = term
    this.hops[node] = hops
    this.cost[node] = cost
    this.parent[node] = parent
    return node
  }
}

/** The originals found by one origins() call, one entry per text id. */
class Originals {
  list: Best[] = []
  /** Index in `list` by text id. */
  private readonly at: EpochMap

  constructor(terms: number) {
    this.at = new EpochMap(terms)
  }

  clear(): void {
    this.at.clear()
    this.list = []
  }

  /** Records a way to an original, unless it has one already as near and as cheap. */
  offer(original: string, id: number, hops: number, cost: number, node: number, kind: Inflection | undefined): void {
    const at = this.at.get(id)
    const prev = at < 0 ? undefined : this.list[at]
    if (!prev) {
      this.at.set(id, this.list.length)
      this.list.push({original, id, hops, cost, node, kind})
    } else if (hops < prev.hops || (hops === prev.hops && cost < prev.cost)) {
      prev.hops = hops
      prev.cost = cost
      prev.node = node
      prev.kind = kind
    }
  }
}

/**
 * The lowercase words of a span, split at spaces: the span itself when it is so already, as spans
 * from sentences are (splitting them with a regular expression cost more than most searches).
 */
function normalized(spun: string[]): string[] {
  if (spun.every((token) => token !== '' && token === token.toLowerCase() && !/\s/.test(token))) return spun
  return spun.flatMap((token) => token.toLowerCase().trim().split(/\s+/)).filter((token) => token.length > 0)
}

/** A typed array twice as long, same contents. */
function grow<A extends Int32Array | Float64Array>(array: A): A {
  const bigger = new (array.constructor as new (length: number) => A)(array.length * 2)
  bigger.set(array)
  return bigger
}


let singleton: Thesaurus | undefined

/** The thesaurus in corpus/thesaurus/en-us.thes, loaded on first use. */
export function defaultThesaurus(): Thesaurus {
  singleton ??= Thesaurus.load()
  return singleton
}

// ---- inflection (rule-based, small) ----

// Maps, not objects: a word such as "constructor" must not find Object.prototype's.
/** Irregular forms: inflected -> [lemma, kind]. */
const IRREGULAR = new Map<string, [string, Inflection]>()
/** Per inflection: lemma -> inflected form. */
const IRREGULAR_OUT: Record<Inflection, Map<string, string>> = {
  s: new Map(),
  ed: new Map(),
  en: new Map(),
  ing: new Map(),
  er: new Map(),
  est: new Map()
}
/** Reads irregular `form` as `lemma` inflected by `kind`; the first reading listed counts. */
function addReading(form: string, lemma: string, kind: Inflection): void {
  if (!IRREGULAR.has(form)) IRREGULAR.set(form, [lemma, kind])
}
/** Inflects `lemma` by `kind` as irregular `form`; the first form listed counts. */
function addForm(lemma: string, kind: Inflection, form: string): void {
  if (!IRREGULAR_OUT[kind].has(lemma)) IRREGULAR_OUT[kind].set(lemma, form)
}

// verb: base, past, participle
const IRREGULAR_VERBS = `be was been|have had had|do did done|say said said|go went gone|get got gotten|make made made|
know knew known|think thought thought|take took taken|see saw seen|come came come|give gave given|find found found|
tell told told|become became become|leave left left|feel felt felt|bring brought brought|begin began begun|
keep kept kept|hold held held|write wrote written|stand stood stood|hear heard heard|let let let|mean meant meant|
set set set|meet met met|run ran run|pay paid paid|sit sat sat|speak spoke spoken|lie lay lain|lead led led|
read read read|grow grew grown|lose lost lost|fall fell fallen|send sent sent|build built built|understand understood understood|
draw drew drawn|break broke broken|spend spent spent|cut cut cut|rise rose risen|drive drove driven|buy bought bought|
wear wore worn|choose chose chosen|seek sought sought|throw threw thrown|catch caught caught|deal dealt dealt|
win won won|forget forgot forgotten|sell sold sold|fight fought fought|teach taught taught|eat ate eaten|
sing sang sung|show showed shown|hide hid hidden|shake shook shaken|steal stole stolen|swim swam swum|
fly flew flown|forgive forgave forgiven|freeze froze frozen|ride rode ridden|ring rang rung|shoot shot shot|
sleep slept slept|strike struck struck|swear swore sworn|tear tore torn|wake woke woken|bear bore borne|
bind bound bound|bite bit bitten|blow blew blown|dig dug dug|feed fed fed|hang hung hung|hit hit hit|hurt hurt hurt|
lay laid laid|lend lent lent|light lit lit|put put put|quit quit quit|shut shut shut|sink sank sunk|slide slid slid|
spin spun spun|spread spread spread|stick stuck stuck|sting stung stung|swing swung swung|undergo underwent undergone|
withdraw withdrew withdrawn|arise arose arisen|awake awoke awoken|beat beat beaten|bend bent bent|bet bet bet|
breed bred bred|broadcast broadcast broadcast|burst burst burst|cast cast cast|cling clung clung|cost cost cost|
creep crept crept|flee fled fled|forbid forbade forbidden|foresee foresaw foreseen|grind ground ground|
kneel knelt knelt|leap leapt leapt|mislead misled misled|overcome overcame overcome|prove proved proven|
seek sought sought|shine shone shone|sow sowed sown|split split split|spring sprang sprung|stink stank stunk|
stride strode stridden|strive strove striven|sweep swept swept|tread trod trodden|weave wove woven|weep wept wept|
wind wound wound|wring wrung wrung|undertake undertook undertaken|uphold upheld upheld|overtake overtook overtaken`
for (const entry of IRREGULAR_VERBS.split('|')) {
  const [base, past, part] = entry.trim().split(' ')
  if (!base) continue
  addForm(base, 'ed', past)
  addForm(base, 'en', part)
  addReading(past, base, 'ed')
  if (part !== past) addReading(part, base, 'en')
}
for (const [form, base, kind] of [
  ['is', 'be', 's'], ['are', 'be', 's'], ['were', 'be', 'ed'], ['has', 'have', 's'], ['does', 'do', 's'],
  ['goes', 'go', 's'], ['being', 'be', 'ing'], ['having', 'have', 'ing'], ['lying', 'lie', 'ing'], ['dying', 'die', 'ing'],
  ['men', 'man', 's'], ['women', 'woman', 's'], ['children', 'child', 's'], ['feet', 'foot', 's'], ['teeth', 'tooth', 's'],
  ['mice', 'mouse', 's'], ['geese', 'goose', 's'], ['people', 'person', 's'], ['lives', 'life', 's'], ['wives', 'wife', 's'],
  ['knives', 'knife', 's'], ['leaves', 'leaf', 's'], ['halves', 'half', 's'], ['selves', 'self', 's'], ['shelves', 'shelf', 's'],
  ['data', 'datum', 's'], ['criteria', 'criterion', 's'], ['phenomena', 'phenomenon', 's'], ['analyses', 'analysis', 's'],
  ['crises', 'crisis', 's'], ['theses', 'thesis', 's'], ['bases', 'basis', 's'],
  ['better', 'good', 'er'], ['best', 'good', 'est'], ['worse', 'bad', 'er'], ['worst', 'bad', 'est'],
  ['more', 'much', 'er'], ['most', 'much', 'est'], ['less', 'little', 'er'], ['least', 'little', 'est'],
  ['further', 'far', 'er'], ['furthest', 'far', 'est'],
] as [string, string, Inflection][]) {
  addReading(form, base, kind)
  if (form !== 'are' && form !== 'were' && form !== 'people' && form !== 'more' && form !== 'less' && form !== 'bases') addForm(base, kind, form)
}
IRREGULAR_OUT.s.set('be', 'is')
IRREGULAR_OUT.s.set('person', 'people')

const VOWEL = /[aeiou]/
/** Single-syllable consonant-vowel-consonant words double their last consonant (stop -> stopped). */
function doubles(w: string): boolean {
  return /^[^aeiou]*[aeiou][bdgklmnprt]$/.test(w) && w.length >= 3
}
function syllables(w: string): number {
  return (w.replace(/([^l])e$/, '$1').match(/[aeiouy]+/g) ?? []).length
}

/** Possible lemma readings of one word by rule (not checked against the thesaurus). */
export function lemmaCandidates(word: string): {lemma: string; kind: Inflection}[] {
  const w = word.toLowerCase()
  const out: {lemma: string; kind: Inflection}[] = []
  const irr = IRREGULAR.get(w)
  if (irr) out.push({lemma: irr[0], kind: irr[1]})
  const add = (lemma: string, kind: Inflection) => {
    if (lemma.length >= 2 && (VOWEL.test(lemma) || lemma.includes('y'))) out.push({lemma, kind})
  }
  const undouble = (stem: string) => (stem.length >= 3 && stem[stem.length - 1] === stem[stem.length - 2] && !/[aeiouls]/.test(stem[stem.length - 1]) ? stem.slice(0, -1) : undefined)
  if (w.length >= 4 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) {
    if (w.endsWith('ies') && w.length > 4) add(w.slice(0, -3) + 'y', 's')
    if (w.endsWith('ves')) {
      add(w.slice(0, -3) + 'f', 's')
      add(w.slice(0, -3) + 'fe', 's')
    }
    if (/(s|x|z|ch|sh|o)es$/.test(w)) add(w.slice(0, -2), 's')
    add(w.slice(0, -1), 's')
  }
  if (w.length >= 4 && w.endsWith('ed')) {
    const stem = w.slice(0, -2)
    if (w.endsWith('ied')) add(w.slice(0, -3) + 'y', 'ed')
    add(stem, 'ed')
    add(stem + 'e', 'ed')
    const u = undouble(stem)
    if (u) add(u, 'ed')
  }
  if (w.length >= 5 && w.endsWith('ing')) {
    const stem = w.slice(0, -3)
    if (stem.endsWith('y')) add(stem.slice(0, -1) + 'ie', 'ing')
    add(stem, 'ing')
    add(stem + 'e', 'ing')
    const u = undouble(stem)
    if (u) add(u, 'ing')
  }
  for (const [suf, kind] of [['est', 'est'], ['er', 'er']] as [string, Inflection][]) {
    if (w.length >= suf.length + 3 && w.endsWith(suf)) {
      const stem = w.slice(0, -suf.length)
      if (stem.endsWith('i')) add(stem.slice(0, -1) + 'y', kind)
      add(stem, kind)
      add(stem + 'e', kind)
      const u = undouble(stem)
      if (u) add(u, kind)
    }
  }
  return out
}

/** Inflects a single word by rule (irregular forms from a small table). */
export function inflect(word: string, kind: Inflection): string {
  const irr = IRREGULAR_OUT[kind].get(word) ?? (kind === 'en' ? IRREGULAR_OUT.ed.get(word) : undefined)
  if (irr) return irr
  const w = word
  const consY = /[^aeiou]y$/.test(w)
  switch (kind) {
    case 's':
      if (consY) return w.slice(0, -1) + 'ies'
      if (/(s|x|z|ch|sh)$/.test(w)) return w + 'es'
      return w + 's'
    case 'ed':
    case 'en':
      if (w.endsWith('e')) return w + 'd'
      if (consY) return w.slice(0, -1) + 'ied'
      if (doubles(w)) return w + w[w.length - 1] + 'ed'
      return w + 'ed'
    case 'ing':
      if (w.endsWith('ie')) return w.slice(0, -2) + 'ying'
      if (w.endsWith('e') && !/(ee|ye|oe)$/.test(w) && w.length > 2) return w.slice(0, -1) + 'ing'
      if (doubles(w)) return w + w[w.length - 1] + 'ing'
      return w + 'ing'
    case 'er':
    case 'est': {
      const suf = kind
      if (w.includes('-') || syllables(w) > 2 || (syllables(w) === 2 && !consY && !/(le|ow|er)$/.test(w))) return (kind === 'er' ? 'more ' : 'most ') + w
      if (w.endsWith('e')) return w + suf.slice(1)
      if (consY) return w.slice(0, -1) + 'i' + suf
      if (doubles(w)) return w + w[w.length - 1] + suf
      return w + suf
    }
  }
}

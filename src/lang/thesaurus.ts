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
 * Memory layout: one string table (sorted, so a term's id is its rank and lookups are binary
 * searches), a forward adjacency (CSR: Int32Array offsets + targets + one quality byte per edge)
 * read from the file, and a reverse adjacency derived from it on first use, each list ranked best
 * first so that capping branching is taking a prefix.
 */
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

/** A candidate original for a spun span. */
export interface Origin {
  /** The original term, lowercase, re-inflected like the spun span. */
  original: string
  /** Substitutions between the original and the spun span (1..maxHops). */
  hops: number
  /** From the spun span (first) to the original (last): hops + 1 entries. */
  path: string[]
}

interface SearchResult {
  hops: number
  cost: number
  /** Lemma-form path from the span to the candidate. */
  path: string[]
  /** Term id of each path entry, -1 for spans that are not terms. */
  ids: number[]
}

/** Inflections the rule-based helper knows. `en` is the past participle where it differs. */
export type Inflection = 's' | 'ed' | 'en' | 'ing' | 'er' | 'est'

/** Parts of speech where a term is a headword (bit mask). */
export const POS_NOUN = 1
export const POS_VERB = 2
export const POS_ADJ = 4
export const POS_ADV = 8

const MAGIC = 'UNSPTHS1'
/** Sources followed per term, by depth of the hop (1st, 2nd, 3rd, further). */
const CAPS = [40, 8, 4, 2]
/** Sources tried per component of a multi-word span. */
const COMPONENT_CAP = 40
/** Upper bounds on the work of one origins() call. */
const MAX_NODES = 1500
const MAX_VARIANTS = 400
const MAX_TOKENS = 5
/** Rank of a relation: synonym, similar term, related term, generic term (hypernym) last. */
const REL_RANK = [0, 1, 3, 2]

/** Rank of an edge from its quality byte (0 best .. 31): relation, then sense index. */
const EDGE_COST = Uint8Array.from({length: 256}, (_, q) => REL_RANK[q & 3] * 8 + Math.min(q >> 2, 7))
function edgeCost(q: number): number {
  return EDGE_COST[q]
}

function defaultPath(): string {
  return fileURLToPath(new URL('../../corpus/thesaurus/en-us.thes', import.meta.url))
}

export class Thesaurus {
  private readonly terms: string[]
  private readonly info: Uint8Array
  private readonly fwdOff: Int32Array
  private readonly fwdTo: Int32Array
  private readonly fwdQ: Uint8Array
  private lookup: {ids: Map<string, number>; prefixes: Set<string>} | undefined
  private revOff: Int32Array | undefined
  private revFrom: Int32Array | undefined
  private revQ: Uint8Array | undefined
  /** Commonness 0..31 per term: senses as a headword + log2(1 + times listed as a synonym). */
  private common: Uint8Array | undefined
  /** Scratch space for searches: per-term visit stamp and node index. */
  private stamp: Uint32Array | undefined
  private nodeOf: Int32Array | undefined
  private epoch = 0

  private constructor(terms: string[], info: Uint8Array, fwdOff: Int32Array, fwdTo: Int32Array, fwdQ: Uint8Array) {
    this.terms = terms
    this.info = info
    this.fwdOff = fwdOff
    this.fwdTo = fwdTo
    this.fwdQ = fwdQ
  }

  /** Reads a .thes file (default: the one in corpus/thesaurus). */
  static load(path: string = defaultPath()): Thesaurus {
    const buf = readFileSync(path)
    if (buf.toString('latin1', 0, 8) !== MAGIC) throw new Error(`${path}: not an unspin thesaurus file`)
    const version = buf.readUInt32LE(8)
    if (version !== 1) throw new Error(`${path}: unsupported thesaurus version ${version}`)
    const T = buf.readUInt32LE(12)
    const E = buf.readUInt32LE(16)
    const stringBytes = buf.readUInt32LE(20)
    const fwdBytes = buf.readUInt32LE(24)
    let at = 28
    const terms = buf.toString('utf8', at, at + stringBytes).split('\n')
    at += stringBytes
    if (terms.length !== T) throw new Error(`${path}: expected ${T} terms, found ${terms.length}`)
    const info = new Uint8Array(buf.buffer, buf.byteOffset + at, T)
    at += T
    const fwdOff = new Int32Array(T + 1)
    const fwdTo = new Int32Array(E)
    let p = at
    const end = at + fwdBytes
    let e = 0
    for (let k = 0; k < T; k++) {
      fwdOff[k] = e
      // varint degree
      let v = 0
      let shift = 0
      let b: number
      do {
        b = buf[p++]
        v |= (b & 0x7f) << shift
        shift += 7
      } while (b & 0x80)
      for (let n = v; n > 0; n--) {
        let x = 0
        shift = 0
        do {
          b = buf[p++]
          x |= (b & 0x7f) << shift
          shift += 7
        } while (b & 0x80)
        fwdTo[e++] = x
      }
    }
    fwdOff[T] = e
    if (p !== end || e !== E) throw new Error(`${path}: corrupt adjacency`)
    const fwdQ = new Uint8Array(buf.buffer, buf.byteOffset + end, E)
    return new Thesaurus(terms, info, fwdOff, fwdTo, fwdQ)
  }

  /** Number of distinct terms (headwords and synonyms). */
  get size(): number {
    return this.terms.length
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

  /** Forward, one hop: what a spinner could write for `term`, best first. */
  synonyms(term: string): string[] {
    const id = this.idOf(term)
    if (id < 0) return []
    const out: string[] = []
    for (let e = this.fwdOff[id]; e < this.fwdOff[id + 1]; e++) out.push(this.terms[this.fwdTo[e]])
    return out
  }

  /** Backward, one hop: terms whose synonym lists contain `term`, best first. */
  sources(term: string): string[] {
    const id = this.idOf(term)
    if (id < 0) return []
    this.ensureReverse()
    const off = this.revOff!
    const from = this.revFrom!
    const out: string[] = []
    for (let e = off[id]; e < off[id + 1]; e++) out.push(this.terms[from[e]])
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
    const tokens = spun
      .flatMap((t) => t.toLowerCase().trim().split(/\s+/))
      .filter((t) => t.length > 0)
    if (tokens.length === 0 || maxHops < 1) return []
    this.ensureReverse()
    const spunText = tokens.join(' ')
    const best = new Map<string, {hops: number; cost: number; path: string[]}>()
    const exclude = new Set<string>([spunText])

    for (const a of this.analyses(tokens)) {
      exclude.add(a.tokens.join(' '))
      for (const r of this.searchLemma(a.tokens, maxHops)) {
        const last = r.path.length - 1
        const kind = a.kind
        let original = r.path[last]
        const path = [spunText]
        if (kind) {
          if (!this.fitsId(r.ids[last], kind)) continue
          const inflected = this.inflectId(original, r.ids[last], kind)
          if (inflected === undefined) continue
          original = inflected
          for (let k = 1; k < last; k++) path.push(this.inflectId(r.path[k], r.ids[k], kind) ?? r.path[k])
        } else {
          for (let k = 1; k < last; k++) path.push(r.path[k])
        }
        path.push(original)
        const cost = r.cost + a.cost
        const prev = best.get(original)
        if (!prev || r.hops < prev.hops || (r.hops === prev.hops && cost < prev.cost)) {
          best.set(original, {hops: r.hops, cost, path})
        }
      }
    }
    const out: (Origin & {cost: number})[] = []
    for (const [original, r] of best) {
      if (exclude.has(original)) continue
      out.push({original, hops: r.hops, path: r.path, cost: r.cost})
    }
    out.sort((x, y) => x.hops - y.hops || x.cost - y.cost || (x.original < y.original ? -1 : x.original > y.original ? 1 : 0))
    return out.map(({original, hops, path}) => ({original, hops, path}))
  }

  /** Lemma readings of an inflected word that are headwords of a fitting part of speech. */
  lemmas(word: string): {lemma: string; kind: Inflection}[] {
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
    const words = term.split(' ')
    if (words.length === 1) return inflect(term, kind)
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

  private nextEpoch(): number {
    if (!this.stamp || this.epoch >= 0xfffffff0) {
      this.stamp = new Uint32Array(this.terms.length)
      this.nodeOf = new Int32Array(this.terms.length)
      this.epoch = 0
    }
    return ++this.epoch
  }

  /** Whether a term can carry the inflection (by the parts of speech it is a headword in; unknown: yes). */
  private fitsId(id: number, kind: Inflection): boolean {
    if (id < 0) return true
    const pos = this.info[id] & 15
    const want = kind === 's' ? POS_NOUN | POS_VERB : kind === 'er' || kind === 'est' ? POS_ADJ | POS_ADV : POS_VERB
    return pos === 0 || (pos & want) !== 0
  }

  private idOf(term: string): number {
    return this.index().ids.get(term) ?? -1
  }

  /** Whether some term starts with `prefix` followed by a space. */
  private hasPrefix(prefix: string): boolean {
    return this.index().prefixes.has(prefix)
  }

  /** Term ids by text, and the word prefixes of multi-word terms; built on first use. */
  private index(): {ids: Map<string, number>; prefixes: Set<string>} {
    if (!this.lookup) {
      const ids = new Map<string, number>()
      const prefixes = new Set<string>()
      this.terms.forEach((term, id) => {
        ids.set(term, id)
        for (let space = term.indexOf(' '); space > 0; space = term.indexOf(' ', space + 1)) prefixes.add(term.slice(0, space))
      })
      this.lookup = {ids, prefixes}
    }
    return this.lookup
  }

  /** Builds the ranked reverse adjacency (LSD radix: source rank, edge cost, target). */
  private ensureReverse(): void {
    if (this.revOff) return
    const T = this.terms.length
    const E = this.fwdTo.length
    const {info, terms, fwdOff, fwdTo, fwdQ} = this
    // 1. sources by rank: commonness (senses + log2 in-degree), single words first, then id
    const revOff = new Int32Array(T + 1)
    for (let e = 0; e < E; e++) revOff[fwdTo[e] + 1]++
    const common = new Uint8Array(T)
    const srcKey = new Uint8Array(T)
    const cnt = new Int32Array(65)
    for (let k = 0; k < T; k++) {
      const c = Math.min(31, Math.round((info[k] >> 4) + Math.log2(1 + revOff[k + 1])))
      common[k] = c
      const key = (31 - c) * 2 + (terms[k].includes(' ') ? 1 : 0)
      srcKey[k] = key
      cnt[key + 1]++
    }
    for (let b = 0; b < 64; b++) cnt[b + 1] += cnt[b]
    const order = new Int32Array(T)
    for (let k = 0; k < T; k++) order[cnt[srcKey[k]]++] = k
    // edges in source-rank order, bucketed stably by cost (0..31)
    const costCnt = new Int32Array(33)
    for (let e = 0; e < E; e++) costCnt[EDGE_COST[fwdQ[e]] + 1]++
    for (let b = 0; b < 32; b++) costCnt[b + 1] += costCnt[b]
    const byCost = new Int32Array(E) // forward edge indices
    const edgeFrom = new Int32Array(E)
    for (let k = 0; k < T; k++) edgeFrom.fill(k, fwdOff[k], fwdOff[k + 1])
    for (let r = 0; r < T; r++) {
      const k = order[r]
      for (let e = fwdOff[k], end = fwdOff[k + 1]; e < end; e++) byCost[costCnt[EDGE_COST[fwdQ[e]]]++] = e
    }
    // 2. stable bucket by target
    for (let k = 0; k < T; k++) revOff[k + 1] += revOff[k]
    const fill = revOff.slice(0, T)
    const revFrom = new Int32Array(E)
    const revQ = new Uint8Array(E)
    for (let i = 0; i < E; i++) {
      const e = byCost[i]
      const at = fill[fwdTo[e]]++
      revFrom[at] = edgeFrom[e]
      revQ[at] = fwdQ[e]
    }
    this.revOff = revOff
    this.revFrom = revFrom
    this.revQ = revQ
    this.common = common
  }

  /** Readings of the span: as written, and with one inflected word (first, last, or before "of") lemmatized. */
  private analyses(tokens: string[]): {tokens: string[]; kind: Inflection | undefined; cost: number}[] {
    const out: {tokens: string[]; kind: Inflection | undefined; cost: number}[] = [{tokens, kind: undefined, cost: 0}]
    if (tokens.length > MAX_TOKENS) return out
    const spots = new Set<number>([0, tokens.length - 1])
    const of = tokens.indexOf('of')
    if (of > 0) spots.add(of - 1)
    for (const i of spots) {
      for (const l of this.lemmas(tokens[i])) {
        const t = tokens.slice()
        t[i] = l.lemma
        out.push({tokens: t, kind: l.kind, cost: 0.5})
      }
    }
    return out
  }

  /** Backward search from a lemmatized span; paths are in lemma form. */
  private searchLemma(tokens: string[], maxHops: number): SearchResult[] {
    const whole = tokens.join(' ')
    // nodes: term id, hops, cost, parent node, label for non-term steps
    const nodeTerm: number[] = []
    const nodeHops: number[] = []
    const nodeCost: number[] = []
    const nodeParent: number[] = []
    const nodeLabel: (string | undefined)[] = []
    // term id -> node, valid where stamp[id] === this.epoch (no per-call Map)
    const epoch = this.nextEpoch()
    const stamp = this.stamp!
    const nodeOf = this.nodeOf!
    const found: number[] = [] // term ids with a node
    const nodeFor = (term: number): number => (stamp[term] === epoch ? nodeOf[term] : -1)
    const mark = (term: number, n: number): void => {
      if (stamp[term] !== epoch) {
        stamp[term] = epoch
        found.push(term)
      }
      nodeOf[term] = n
    }
    const levels: number[][] = Array.from({length: maxHops + 1}, () => [])
    const add = (term: number, hops: number, cost: number, parent: number, label?: string): boolean => {
      const prev = nodeFor(term)
      if (prev >= 0 && (nodeHops[prev] < hops || (nodeHops[prev] === hops && nodeCost[prev] <= cost))) return false
      const n = nodeTerm.length
      nodeTerm.push(term)
      nodeHops.push(hops)
      nodeCost.push(cost)
      nodeParent.push(parent)
      nodeLabel.push(label)
      mark(term, n)
      levels[hops].push(n)
      return true
    }
    // the span itself, a root at 0 hops
    const wholeId = this.idOf(whole)
    const root = nodeTerm.length
    nodeTerm.push(wholeId)
    nodeHops.push(0)
    nodeCost.push(0)
    nodeParent.push(-1)
    nodeLabel.push(whole)
    if (wholeId >= 0) {
      mark(wholeId, root)
      levels[0].push(root)
    }
    // variants of a multi-word span with components swapped for their sources
    if (tokens.length > 1 && tokens.length <= MAX_TOKENS) {
      for (const v of this.componentVariants(tokens, maxHops)) {
        // chain of intermediate spans: one substitution at a time, left to right
        let parent = root
        for (let s = 0; s < v.steps.length - 1; s++) {
          const n = nodeTerm.length
          nodeTerm.push(-1)
          nodeHops.push(s + 1)
          nodeCost.push(v.cost)
          nodeParent.push(parent)
          nodeLabel.push(v.steps[s])
          parent = n
        }
        add(v.term, v.hops, v.cost, parent)
      }
    }
    // level-by-level backward expansion
    const revOff = this.revOff!
    const revFrom = this.revFrom!
    const revQ = this.revQ!
    const common = this.common!
    for (let h = 0; h < maxHops; h++) {
      const cap = CAPS[Math.min(h, CAPS.length - 1)]
      const level = levels[h]
      for (let i = 0; i < level.length; i++) {
        if (nodeTerm.length > MAX_NODES) break
        const n = level[i]
        if (nodeOf[nodeTerm[n]] !== n) continue // superseded
        const t = nodeTerm[n]
        const end = Math.min(revOff[t + 1], revOff[t] + cap)
        for (let e = revOff[t]; e < end; e++) {
          const s = revFrom[e]
          const c = nodeCost[n] + edgeCost(revQ[e]) / 4 + (31 - common[s]) / 8 + (this.terms[s].includes(' ') ? 1 : 0) + 1
          add(s, h + 1, c, n)
        }
      }
    }
    const out: SearchResult[] = []
    for (const term of found) {
      const n = nodeOf[term]
      if (nodeHops[n] === 0) continue
      const path: string[] = []
      const ids: number[] = []
      for (let m = n; m >= 0; m = nodeParent[m]) {
        path.push(nodeLabel[m] ?? this.terms[nodeTerm[m]])
        ids.push(nodeLabel[m] === undefined ? nodeTerm[m] : -1)
      }
      path.reverse()
      ids.reverse()
      out.push({hops: nodeHops[n], cost: nodeCost[n], path, ids})
    }
    return out
  }

  /**
   * Known multi-word terms that the span could have been made from by replacing chunks (a word,
   * or a multi-word term inside the span) with one of their synonyms: each chunk is kept or
   * traced back one hop. `steps` lists the spans after each substitution, the term last.
   */
  private componentVariants(tokens: string[], maxHops: number): {term: number; hops: number; cost: number; steps: string[]}[] {
    const n = tokens.length
    // options[i][j]: sources of the chunk tokens[i..j) (j > i), best first, capped
    const options: {text: string; cost: number}[][][] = []
    for (let i = 0; i < n; i++) {
      options.push([])
      for (let j = i + 1; j <= n; j++) {
        const list: {text: string; cost: number}[] = []
        if (!(i === 0 && j === n)) {
          const id = this.idOf(tokens.slice(i, j).join(' '))
          if (id >= 0) {
            const end = Math.min(this.revOff![id + 1], this.revOff![id] + COMPONENT_CAP)
            for (let e = this.revOff![id]; e < end; e++) {
              const s = this.revFrom![e]
              list.push({text: this.terms[s], cost: edgeCost(this.revQ![e]) / 4 + (31 - this.common![s]) / 8 + 1})
            }
          }
        }
        options[i].push(list)
      }
    }
    const out: {term: number; hops: number; cost: number; steps: string[]}[] = []
    const parts: string[] = []
    const swapped: boolean[] = []
    const walk = (i: number, prefix: string, hops: number, cost: number): void => {
      if (out.length >= MAX_VARIANTS) return
      if (i === n) {
        if (hops === 0) return
        const id = this.idOf(prefix)
        if (id < 0) return
        // intermediate spans: apply substitutions left to right
        const steps: string[] = []
        const cur = parts.map((_, k) => (swapped[k] ? chunkOrig[k] : parts[k]))
        for (let k = 0; k < parts.length; k++) {
          if (!swapped[k]) continue
          cur[k] = parts[k]
          steps.push(cur.join(' '))
        }
        out.push({term: id, hops, cost, steps})
        return
      }
      const next = (text: string, j: number, h: number, c: number, orig: string, sw: boolean): void => {
        const p = prefix ? prefix + ' ' + text : text
        if (j < n ? !this.hasPrefix(p) : false) return
        parts.push(text)
        swapped.push(sw)
        chunkOrig.push(orig)
        walk(j, p, h, c)
        parts.pop()
        swapped.pop()
        chunkOrig.pop()
      }
      // keep the word
      next(tokens[i], i + 1, hops, cost, tokens[i], false)
      if (hops >= maxHops) return
      for (let j = i + 1; j <= n; j++) {
        const orig = tokens.slice(i, j).join(' ')
        for (const o of options[i][j - i - 1]) next(o.text, j, hops + 1, cost + o.cost, orig, true)
      }
    }
    const chunkOrig: string[] = []
    walk(0, '', 0, 0)
    return out
  }
}

let singleton: Thesaurus | undefined

/** The thesaurus in corpus/thesaurus/en-us.thes, loaded on first use. */
export function defaultThesaurus(): Thesaurus {
  singleton ??= Thesaurus.load()
  return singleton
}

// ---- inflection (rule-based, small) ----

/** Irregular forms: inflected -> [lemma, kind]. */
const IRREGULAR: Record<string, [string, Inflection]> = {}
/** lemma|kind -> inflected form. */
const IRREGULAR_OUT: Record<string, string> = {}

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
  IRREGULAR_OUT[base + '|ed'] ??= past
  IRREGULAR_OUT[base + '|en'] ??= part
  IRREGULAR[past] ??= [base, 'ed']
  if (part !== past) IRREGULAR[part] ??= [base, 'en']
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
  IRREGULAR[form] ??= [base, kind]
  if (form !== 'are' && form !== 'were' && form !== 'people' && form !== 'more' && form !== 'less' && form !== 'bases') IRREGULAR_OUT[base + '|' + kind] ??= form
}
IRREGULAR_OUT['be|s'] = 'is'
IRREGULAR_OUT['person|s'] = 'people'

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
  const irr = IRREGULAR[w]
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
  const irr = IRREGULAR_OUT[word + '|' + kind] ?? (kind === 'en' ? IRREGULAR_OUT[word + '|ed'] : undefined)
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

/**
 * Substitutions between a text and its spun copy: both are cut into word and punctuation
 * tokens, aligned word by word (Levenshtein on case-folded keys, with a small cost for opening
 * a run of edits so that a phrase substituted for a word stays one run), and every run of
 * mismatched words between two matched anchors becomes a pair `spun phrase -> original phrase`.
 * The pairs are counted and written as phrase-dictionary rows (src/lang/phrases.ts).
 */
import {basename} from 'node:path'

/** A word or punctuation mark, with its span in the text. */
export interface AlignToken {
  text: string
  /** What alignment compares: case-folded, without punctuation (a punctuation mark: itself). */
  key: string
  start: number
  end: number
  word: boolean
}

export interface AlignedPair {
  /** The spun phrase, lowercase, words separated by single spaces. */
  spun: string
  /** The original phrase, lowercase. */
  original: string
  count: number
}

export interface AlignStats {
  /** Word tokens of the original and the spun text. */
  originalWords: number
  spunWords: number
  /** Words matched between the two. */
  matched: number
  /** Runs of mismatches, and those that became pairs. */
  runs: number
  pairs: number
  /** Runs left out: words only added or only dropped, punctuation or a line break inside, too long, same words. */
  skipped: {insertion: number; deletion: number; punctuation: number; lineBreak: number; long: number; same: number}
}

export interface AlignOptions {
  /** Runs with more words than this on either side are left out (a misalignment, not a substitution). Default 6. */
  maxWords?: number
}

export const DEFAULT_MAX_WORDS = 6

/** Words (letters and digits, inner hyphens, apostrophes and dots kept) and punctuation marks. */
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:[-'’.][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]+/gu
const WORD_START = /^[\p{L}\p{N}\p{M}]/u

/** Case folding as Python's str.casefold, near enough ("ß" -> "ss"). */
export const casefold = (text: string): string => text.toUpperCase().toLowerCase()

/** The key of a word: case-folded, punctuation taken out. */
export const wordKey = (text: string): string => casefold(text).replace(/[\p{P}\p{S}]/gu, '')

export function alignTokens(text: string): AlignToken[] {
  const tokens: AlignToken[] = []
  for (const match of text.matchAll(TOKEN)) {
    const value = match[0]
    const word = WORD_START.test(value)
    const key = word ? wordKey(value) : value.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/[—–]/g, '--')
    tokens.push({text: value, key, start: match.index, end: match.index + value.length, word})
  }
  return tokens
}

/** Costs in the alignment: an edit, and opening a run of edits (a tie-breaker under one edit). */
const EDIT = 2
const OPEN = 1
/** Above this many cells, the texts are first cut at n-grams found once in each. */
const CELL_LIMIT = 4_000_000

/**
 * Indices matched between two key sequences, in order: [i in a, j in b].
 * Minimises edits (substitutions, insertions, deletions), then the number of runs of edits.
 */
export function alignKeys(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const matches: Array<[number, number]> = []
  alignRange(a, b, 0, a.length, 0, b.length, matches, 3)
  return matches
}

function alignRange(
  a: readonly string[],
  b: readonly string[],
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  out: Array<[number, number]>,
  gram: number
): void {
  // Equal ends are matched outright.
  while (a0 < a1 && b0 < b1 && a[a0] === b[b0]) out.push([a0++, b0++])
  const tail: Array<[number, number]> = []
  while (a1 > a0 && b1 > b0 && a[a1 - 1] === b[b1 - 1]) tail.push([--a1, --b1])
  if (a0 < a1 && b0 < b1) {
    if ((a1 - a0 + 1) * (b1 - b0 + 1) <= CELL_LIMIT) alignDynamic(a, b, a0, a1, b0, b1, out)
    else {
      const anchors = uniqueAnchors(a, b, a0, a1, b0, b1, gram)
      if (anchors.length === 0 && gram > 1) alignRange(a, b, a0, a1, b0, b1, out, 1)
      else if (anchors.length === 0) {
        // Nothing occurs once in each (a repetitive text): cut both at a matching n-gram near
        // their middles, or at the middles, and align the halves.
        const [i, j] = cutPoint(a, b, a0, a1, b0, b1)
        alignRange(a, b, a0, i, b0, j, out, 3)
        alignRange(a, b, i, a1, j, b1, out, 3)
      } else {
        let i = a0
        let j = b0
        for (const [ai, bj] of anchors) {
          if (ai < i || bj < j) continue
          alignRange(a, b, i, ai, j, bj, out, gram)
          for (let k = 0; k < gram; k++) out.push([ai + k, bj + k])
          i = ai + gram
          j = bj + gram
        }
        alignRange(a, b, i, a1, j, b1, out, gram)
      }
    }
  }
  out.push(...tail.reverse())
}

/** Where to cut two long ranges: the longer one's middle, and the nearest place in the other around its proportional middle where 3 keys agree. */
function cutPoint(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number): [number, number] {
  if (b1 - b0 > a1 - a0) {
    const [j, i] = cutPoint(b, a, b0, b1, a0, a1)
    return [i, j]
  }
  const i = (a0 + a1) >>> 1
  const guess = b0 + Math.round(((i - a0) * (b1 - b0)) / (a1 - a0))
  const agree = (j: number) => j >= b0 && j + 3 <= b1 && i + 3 <= a1 && a[i] === b[j] && a[i + 1] === b[j + 1] && a[i + 2] === b[j + 2]
  for (let d = 0; d <= 500; d++) {
    if (agree(guess - d)) return [i, guess - d]
    if (agree(guess + d)) return [i, guess + d]
  }
  return [i, Math.min(b1, Math.max(b0, guess))]
}

/** n-grams found exactly once in each range, as a longest chain increasing in both. */
function uniqueAnchors(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number, gram: number): Array<[number, number]> {
  const count = (keys: readonly string[], from: number, to: number) => {
    const seen = new Map<string, number>()
    for (let i = from; i + gram <= to; i++) {
      const key = keys.slice(i, i + gram).join('\u0000')
      seen.set(key, seen.has(key) ? -1 : i)
    }
    return seen
  }
  const inA = count(a, a0, a1)
  const inB = count(b, b0, b1)
  const pairs: Array<[number, number]> = []
  for (const [key, i] of inA) {
    const j = inB.get(key)
    if (i >= 0 && j !== undefined && j >= 0) pairs.push([i, j])
  }
  pairs.sort((x, y) => x[0] - y[0])
  // Longest increasing subsequence on j (patience sorting), anchors not overlapping.
  const tails: number[] = []
  const previous: number[] = []
  pairs.forEach(([, j], k) => {
    let low = 0
    let high = tails.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (pairs[tails[middle]][1] < j) low = middle + 1
      else high = middle
    }
    previous[k] = low > 0 ? tails[low - 1] : -1
    tails[low] = k
  })
  const chain: Array<[number, number]> = []
  for (let k = tails.length > 0 ? tails[tails.length - 1] : -1; k >= 0; k = previous[k]) chain.push(pairs[k])
  return chain.reverse()
}

/** Full dynamic programming over one range, two states (last step a match, or an edit). */
function alignDynamic(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number, out: Array<[number, number]>): void {
  const n = a1 - a0
  const m = b1 - b0
  const w = m + 1
  const INF = 0x3fffffff
  const matchCost = new Int32Array((n + 1) * w).fill(INF)
  const editCost = new Int32Array((n + 1) * w).fill(INF)
  matchCost[0] = 0
  const enter = (at: number) => Math.min(matchCost[at] + OPEN, editCost[at]) + EDIT
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue
      const here = i * w + j
      if (i > 0 && j > 0) {
        const diagonal = here - w - 1
        if (a[a0 + i - 1] === b[b0 + j - 1]) matchCost[here] = Math.min(matchCost[diagonal], editCost[diagonal])
        editCost[here] = enter(diagonal)
      }
      if (i > 0) editCost[here] = Math.min(editCost[here], enter(here - w))
      if (j > 0) editCost[here] = Math.min(editCost[here], enter(here - 1))
    }
  }
  const found: Array<[number, number]> = []
  let i = n
  let j = m
  let inMatch = matchCost[n * w + m] <= editCost[n * w + m]
  while (i > 0 || j > 0) {
    const here = i * w + j
    if (inMatch) {
      found.push([a0 + i - 1, b0 + j - 1])
      const diagonal = here - w - 1
      inMatch = matchCost[diagonal] <= editCost[diagonal]
      i--
      j--
      continue
    }
    const cost = editCost[here]
    const from = [i > 0 && j > 0 ? here - w - 1 : -1, i > 0 ? here - w : -1, j > 0 ? here - 1 : -1]
    const step = from.findIndex((at) => at >= 0 && enter(at) === cost)
    const at = from[step]
    inMatch = matchCost[at] + OPEN <= editCost[at]
    if (step !== 2) i--
    if (step !== 1) j--
  }
  out.push(...found.reverse())
}

/** Pairs between an original and its spun copy, most frequent first. */
export function alignTexts(original: string, spun: string, options: AlignOptions = {}): {pairs: AlignedPair[]; stats: AlignStats} {
  const maxWords = options.maxWords ?? DEFAULT_MAX_WORDS
  const a = alignTokens(original)
  const b = alignTokens(spun)
  const matches = alignKeys(
    a.map((t) => t.key),
    b.map((t) => t.key)
  )
  const stats: AlignStats = {
    originalWords: a.filter((t) => t.word).length,
    spunWords: b.filter((t) => t.word).length,
    matched: matches.filter(([i]) => a[i].word).length,
    runs: 0,
    pairs: 0,
    skipped: {insertion: 0, deletion: 0, punctuation: 0, lineBreak: 0, long: 0, same: 0}
  }
  const counts = new Map<string, AlignedPair>()
  const bounds: Array<[number, number]> = [[-1, -1], ...matches, [a.length, b.length]]
  for (let k = 1; k < bounds.length; k++) {
    const [i0, j0] = bounds[k - 1]
    const [i1, j1] = bounds[k]
    if (i1 - i0 <= 1 && j1 - j0 <= 1) continue
    stats.runs++
    const from = b.slice(j0 + 1, j1)
    const to = a.slice(i0 + 1, i1)
    const skip = skipReason(from, to, spun, original, maxWords)
    if (skip) {
      stats.skipped[skip]++
      continue
    }
    const pair = {spun: phraseOf(from), original: phraseOf(to)}
    const key = `${pair.spun}\t${pair.original}`
    const entry = counts.get(key)
    if (entry) entry.count++
    else counts.set(key, {...pair, count: 1})
    stats.pairs++
  }
  const pairs = [...counts.values()].sort((x, y) => y.count - x.count || x.spun.localeCompare(y.spun) || x.original.localeCompare(y.original))
  return {pairs, stats}
}

function skipReason(from: AlignToken[], to: AlignToken[], spun: string, original: string, maxWords: number): keyof AlignStats['skipped'] | undefined {
  if (from.length === 0) return 'deletion'
  if (to.length === 0) return 'insertion'
  if (from.some((t) => !t.word) || to.some((t) => !t.word)) return 'punctuation'
  if (from.length > maxWords || to.length > maxWords) return 'long'
  if (brokenLine(from, spun) || brokenLine(to, original)) return 'lineBreak'
  if (from.map((t) => t.key).join('') === to.map((t) => t.key).join('')) return 'same'
  return undefined
}

/** Whether a line break stands between two of the tokens (a dictionary phrase never spans one). */
function brokenLine(tokens: AlignToken[], text: string): boolean {
  for (let k = 1; k < tokens.length; k++) if (/[\r\n]/.test(text.slice(tokens[k - 1].end, tokens[k].start))) return true
  return false
}

/** A phrase as a dictionary holds it: lowercase, straight apostrophes, single spaces. */
export function phraseOf(tokens: readonly AlignToken[]): string {
  return tokens.map((t) => t.text.toLowerCase().replace(/[’‘]/g, "'")).join(' ')
}

/** Weight of a pair seen `count` times: count / (count + 1), at most 0.95. */
export function alignWeight(count: number): number {
  return Math.min(0.95, count / (count + 1))
}

/** A dictionary row: `spun<TAB>original<TAB>weight<TAB>source`. */
export function dictionaryRow(spun: string, original: string, weight: number, source: string): string {
  const clean = (text: string) => text.replace(/[\t\r\n]+/g, ' ').trim()
  return `${clean(spun)}\t${clean(original)}\t${Number(weight.toFixed(3))}\t${clean(source)}`
}

/** The rows of a dictionary for `pairs` aligned from `spunPath`. */
export function alignRows(pairs: readonly AlignedPair[], spunPath: string, minCount = 1): string[] {
  return pairs
    .filter((pair) => pair.count >= minCount)
    .map((pair) => dictionaryRow(pair.spun, pair.original, alignWeight(pair.count), `align:${basename(spunPath)}, ${pair.count} ${pair.count === 1 ? 'time' : 'times'}`))
}

/** The header comment of a learned or aligned dictionary. */
export function dictionaryHeader(lines: readonly string[]): string {
  return lines.map((line) => `# ${line.replace(/[\r\n]+/g, ' ')}\n`).join('')
}

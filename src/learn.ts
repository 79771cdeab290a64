/**
 * Learning a spinner from its output alone. Real spinners are consistent: a word gets the same
 * "synonym" in every document they touch. Two kinds of evidence are gathered over many spun
 * documents, and a pair `spun -> original` they support is taken for one of the spinner's rules
 * and written as a phrase-dictionary row (src/lang/phrases.ts).
 *
 * 1. Proposals. Every document is restored and every substitution its context pass proposes
 *    (applied or not) is collected; a pair proposed again and again, in many documents, is a
 *    rule. Documents are restored with `minConfidence: 1`: nothing is applied, every proposal is
 *    reported with the context pass's own posterior. Applying changes would let a later pass's
 *    change on the same words (casing) merge into the report with both confidences multiplied,
 *    and would make what one pass proposes depend on what an earlier one applied; on the
 *    evaluation corpus (scripts/eval-learn.mjs) the default 0.6 gave the same pairs within noise.
 * 2. Consistency (`mine`). The context pass sees one document at a time, and only originals its
 *    backward thesaurus search reaches, while a spinner's walk may run along links the mythes
 *    thesaurus holds the other way round. So every word (and thesaurus phrase) that recurs in
 *    several documents where the language model finds it unlikely is weighed against every term
 *    within two thesaurus links of it, either way: by how much likelier the model finds each
 *    context with the term in its place, summed over all the occurrences at once, and by the
 *    spinner's channel. One original that wins throughout, by a margin, is a rule. A spinner has
 *    one substitute per original, so originals are given out best-first, each to one phrase.
 *
 * For each pair:
 * - support (`documents`): the documents where it was proposed, or where the original fits the
 *   context better than the phrase (and `occurrences`, the places in all);
 * - meanConfidence: the mean of the proposals' confidences (calibrated posteriors). A mean, not
 *   a noisy-OR: the proposals are not independent evidence (the same model makes the same
 *   mistake in every document), so a noisy-OR of twenty 0.3s would call a systematic mistake
 *   certain. Repetition counts through `support` instead;
 * - consistency: mining's posterior that the phrase stands for the original wherever it occurs;
 * - coverage: the share of the spun phrase's occurrences where the pair was proposed, or where
 *   the original fits better. A row is applied at every occurrence of its phrase, so a pair
 *   proposed at 3 of 60 occurrences of "have" would do more harm than good;
 * - agreement: the share of the proposals for the spun phrase that name this original (a
 *   dictionary holds one original per spun phrase: the best one is kept).
 * `confidence` is the estimate that replacing an occurrence of the phrase is right: from the
 * proposals, meanConfidence x min(1, coverage / FULL_COVERAGE); from mining alone, consistency
 * x coverage x the share of mining's rules the proposals confirm (`trust`); where both name the
 * same original, the two combined as independent evidence. It is the row's weight, and rows are
 * kept from `minSupport` documents and `minConfidence` on.
 */
import {basename} from 'node:path'
import {dictionaryHeader, dictionaryRow} from './align.js'
import {defaultCasing, type CasingModel} from './lang/casing.js'
import {defaultModel, type NgramModel} from './lang/lm.js'
import {windowScore} from './lang/score.js'
import {defaultThesaurus, type Thesaurus} from './lang/thesaurus.js'
import {stepChannel} from './passes/context.js'
import {Restorer} from './restore.js'
import {casePattern} from './text/case.js'
import {wordsOf} from './text/sentence.js'
import type {Change, RestoreOptions, RestoreResult} from './types.js'

export const DEFAULT_MIN_SUPPORT = 2
export const DEFAULT_MIN_CONFIDENCE = 0.5
/** The share of a phrase's occurrences from which a pair counts as fully covering it (the context pass misses some). */
export const FULL_COVERAGE = 0.5
/** Longest phrase counted, in words (the context pass looks at runs of up to four). */
const MAX_PHRASE_WORDS = 6

export interface LearnedPair {
  /** The spun phrase, lowercase. */
  spun: string
  /** The original, lowercase. */
  original: string
  /** Documents with evidence for the pair: where it was proposed, or where the original fits the context better. */
  documents: number
  /** Occurrences with evidence for the pair. */
  occurrences: number
  /** Mean confidence of the context pass's proposals of the pair (0: never proposed). */
  meanConfidence: number
  /** Posterior of the pair from mining the corpus (0: not mined). */
  consistency: number
  /** Occurrences of the spun phrase in all documents, proposed or not. */
  seen: number
  /** Share of the occurrences where the pair is evidenced. */
  coverage: number
  /** Share of the proposals for the spun phrase that name this original. */
  agreement: number
  /** The estimate that replacing an occurrence of the phrase by the original is right; the row's weight. */
  confidence: number
}

export interface LearnerOptions {
  /** How documents are restored (default: a Restorer with default passes and `minConfidence: 1`). */
  restorer?: {restore(text: string): RestoreResult}
  /** Options for the default Restorer (`minConfidence` defaults to 1 there: nothing applied, all reported). */
  restoreOptions?: RestoreOptions
  /** Whether to mine the corpus for consistent substitutions (default true). */
  mine?: boolean
}

export interface SelectOptions {
  minSupport?: number
  minConfidence?: number
}

interface Tally {
  documents: number
  lastDocument: number
  occurrences: number
  confidenceSum: number
}

/** A text's tokens: words (with inner hyphens, apostrophes, dots), runs of other symbols, line breaks. */
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:[-'’.][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]+|\r?\n/gu
const WORD = /^[\p{L}\p{N}\p{M}]/u
/** Token marks: punctuation inside a sentence, and a sentence end (or line break). */
const GAP = ''
const END = '\n'

/** A phrase as dictionaries hold it: lowercase, straight apostrophes, single spaces. */
export function normalPhrase(text: string): string {
  return text.toLowerCase().replace(/[’‘]/g, "'").trim().split(/\s+/).join(' ')
}

/**
 * The words a change replaced: the context pass decodes whole spans, so "for the first meter" ->
 * "for the first time" is the rule "meter" -> "time", and counts with its other occurrences.
 */
export function changedWords(spun: string, original: string): [string, string] {
  const a = spun.split(' ')
  const b = original.split(' ')
  while (a.length > 1 && b.length > 1 && a[0] === b[0]) (a.shift(), b.shift())
  while (a.length > 1 && b.length > 1 && a.at(-1) === b.at(-1)) (a.pop(), b.pop())
  return [a.join(' '), b.join(' ')]
}

/**
 * Collects evidence over documents and aggregates it into pairs. Feed it documents with `add`
 * (restores them) or `addChanges` (changes of a restore run elsewhere).
 */
export class Learner {
  /** spun -> original -> tally */
  private readonly tallies = new Map<string, Map<string, Tally>>()
  /** Each document's words, lowercase, with GAP and END marks between them. */
  private readonly texts: string[][] = []
  private restorer?: {restore(text: string): RestoreResult}
  documents = 0
  words = 0
  proposals = 0

  constructor(private readonly options: LearnerOptions = {}) {
    this.restorer = options.restorer
  }

  /** Restore one document and record what the context pass proposed. */
  add(text: string): RestoreResult {
    this.restorer ??= new Restorer({...this.options.restoreOptions, minConfidence: this.options.restoreOptions?.minConfidence ?? 1})
    const result = this.restorer.restore(text)
    this.addChanges(text, result.changes)
    return result
  }

  /** Record one document's changes (from `restore(text)` run elsewhere). */
  addChanges(text: string, changes: readonly Change[]): void {
    const document = this.documents++
    const tokens: string[] = []
    for (const [token] of text.matchAll(TOKEN)) {
      if (WORD.test(token)) {
        tokens.push(token.toLowerCase().replace(/’/g, "'"))
        this.words++
      } else if (tokens.length > 0) {
        const mark = /[.!?\n]/.test(token) ? END : GAP
        if (WORD.test(tokens.at(-1)!)) tokens.push(mark)
        else if (mark === END) tokens[tokens.length - 1] = END
      }
    }
    this.texts.push(tokens)
    for (const change of changes) {
      if (change.pass !== 'context') continue
      const [spun, original] = changedWords(normalPhrase(change.from), normalPhrase(change.to))
      if (spun === '' || original === '' || spun === original) continue
      this.proposals++
      let byOriginal = this.tallies.get(spun)
      if (!byOriginal) this.tallies.set(spun, (byOriginal = new Map()))
      let tally = byOriginal.get(original)
      if (!tally) byOriginal.set(original, (tally = {documents: 0, lastDocument: -1, occurrences: 0, confidenceSum: 0}))
      if (tally.lastDocument !== document) {
        tally.documents++
        tally.lastDocument = document
      }
      tally.occurrences++
      tally.confidenceSum += change.confidence
    }
  }

  /** Every spun phrase's best original, with its figures, best first (no thresholds). */
  candidates(): LearnedPair[] {
    const mined = this.options.mine === false ? new Map<string, Mined>() : mine(this.texts, defaultModel(), defaultThesaurus(), defaultCasing())
    const phrases = [...new Set([...this.tallies.keys(), ...mined.keys()])]
    const seen = countPhrases(this.texts, phrases)
    const trust = this.trust(mined)
    const pairs: LearnedPair[] = []
    for (const spun of phrases) {
      const count = seen.get(spun) ?? 0
      const proposed = this.proposed(spun, count)
      const found = mined.get(spun)
      const agreed = proposed !== undefined && proposed.original === found?.original
      const consistent: LearnedPair | undefined = found && {
        spun,
        original: found.original,
        documents: found.documents,
        occurrences: found.occurrences,
        meanConfidence: 0,
        consistency: round(found.posterior),
        seen: count,
        coverage: round(found.share),
        agreement: 0,
        confidence: round(found.posterior * found.share * (agreed ? 1 : trust))
      }
      if (agreed && consistent) {
        // Two kinds of evidence for one rule, made differently: document by document from
        // backward thesaurus paths, and over the whole corpus from links either way. On the
        // evaluation corpus 89% of the pairs both give with confidence 0.5 or more are right.
        pairs.push({
          ...proposed,
          documents: Math.max(proposed.documents, consistent.documents),
          occurrences: Math.max(proposed.occurrences, consistent.occurrences),
          consistency: consistent.consistency,
          coverage: Math.max(proposed.coverage, consistent.coverage),
          confidence: round(1 - (1 - proposed.confidence) * (1 - consistent.confidence))
        })
        continue
      }
      const alone = [proposed, found?.unit ? undefined : consistent].filter((pair) => pair !== undefined)
      if (alone.length > 0) pairs.push(alone.reduce((a, b) => (b.confidence > a.confidence ? b : a)))
    }
    return pairs.sort(byStrength)
  }

  /**
   * How far a rule that mining alone found can be trusted. Mining's posterior holds among the
   * terms it weighs; where the original lies beyond them it crowns the best of the rest, which
   * shows as disagreement with the context pass. The proposals are right only so often
   * themselves (their mean confidence, a calibrated posterior), so where both are right they
   * agree: mining's rules kept by default whose original the proposals name too, over the
   * agreement expected were mining always right (+1/+2, so that few or none give about a half).
   */
  private trust(mined: ReadonlyMap<string, Mined>): number {
    const judged = [...mined].flatMap(([spun, m]) => {
      const proposed = m.posterior * m.share >= DEFAULT_MIN_CONFIDENCE ? this.proposed(spun, 0) : undefined
      return proposed ? [{agrees: proposed.original === m.original, expected: proposed.meanConfidence}] : []
    })
    const agreeing = judged.filter((judgement) => judgement.agrees).length
    const expected = judged.reduce((sum, judgement) => sum + judgement.expected, 0)
    return Math.min(1, (agreeing + 1) / (expected + 2))
  }

  /** The pairs kept: from `minSupport` documents and `minConfidence` on, best first. */
  pairs(options: SelectOptions = {}): LearnedPair[] {
    return selectPairs(this.candidates(), options)
  }

  /** The best-proposed original of a spun phrase that occurs `count` times, if any was proposed. */
  private proposed(spun: string, count: number): LearnedPair | undefined {
    const byOriginal = this.tallies.get(spun)
    if (!byOriginal) return undefined
    let all = 0
    for (const tally of byOriginal.values()) all += tally.occurrences
    const [original, tally] = [...byOriginal].sort(
      ([a, x], [b, y]) => y.documents - x.documents || y.confidenceSum - x.confidenceSum || a.localeCompare(b)
    )[0]
    const meanConfidence = tally.confidenceSum / tally.occurrences
    const seen = Math.max(count, tally.occurrences)
    const coverage = tally.occurrences / seen
    return {
      spun,
      original,
      documents: tally.documents,
      occurrences: tally.occurrences,
      meanConfidence: round(meanConfidence),
      consistency: 0,
      seen,
      coverage: round(coverage),
      agreement: round(tally.occurrences / all),
      confidence: round(meanConfidence * Math.min(1, coverage / FULL_COVERAGE))
    }
  }
}

/** How often each phrase occurs in the documents (within a sentence, as the phrases pass matches). */
function countPhrases(texts: readonly string[][], phrases: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  const wanted = new Set(phrases.filter((phrase) => phrase.split(' ').length <= MAX_PHRASE_WORDS))
  const lengths = [...new Set([...wanted].map((phrase) => phrase.split(' ').length))]
  for (const words of texts) {
    for (let i = 0; i < words.length; i++) {
      for (const n of lengths) {
        const slice = words.slice(i, i + n)
        if (slice.length < n || !slice.every((word) => WORD.test(word))) continue
        const phrase = slice.join(' ')
        if (wanted.has(phrase)) counts.set(phrase, (counts.get(phrase) ?? 0) + 1)
      }
    }
  }
  return counts
}

// ---------------------------------------------------------------- mining

/** What mining concluded for one spun phrase. */
interface Mined {
  /** Whether the phrase stands in a longer spun unit: then it is a rule only where the proposals agree. */
  unit: boolean
  original: string
  /** Posterior that the phrase stands for `original` wherever it occurs. */
  posterior: number
  /** Share of the occurrences scored where the original fits the context better than the phrase. */
  share: number
  documents: number
  occurrences: number
}

/** An occurrence of a phrase: its words are `ids[start..end)` of a sentence's model ids. */
interface Occurrence {
  document: number
  ids: number[]
  start: number
  end: number
}

/** An occurrence in its context: what the model makes of what stands there. */
interface Context {
  document: number
  left: number[]
  right: number[]
  /** log10 P of the window as it stands. */
  observed: number
  /** -log10 P (in context) of the phrase's least likely word. */
  surprise: number
}

/** A candidate original: its model ids and log10 P(the spinner walked from it to the phrase). */
interface Candidate {
  original: string
  ids: number[]
  channel: number
}

/** A candidate original scored over a phrase's contexts: each context's gain, and the total log10 odds. */
interface Scored {
  original: string
  gains: number[]
  score: number
}

/** Phrases are mined from this many documents on (so that selection can ask for two). */
const MINE_DOCUMENTS = 2
/** Longest thesaurus phrase mined, in words. */
const MINE_SPAN = 4
/** A phrase is mined when its least likely word averages this surprise (-log10 P), as the context pass searches. */
const MINE_SURPRISE = 2.5
/** Occurrences scored per phrase at most, spread over the corpus. */
const MAX_CONTEXTS = 40
/** Candidates are first scored on PROBE occurrences; the best SHORTLIST on all of them. */
const PROBE = 6
const SHORTLIST = 12
/** Terms followed from each term one link away (the thesaurus ranks them best first). */
const SECOND_LINKS = 40
/** As the context pass: bounds on a term's fan-out, and the fan-out of a term that is no headword. */
/**
 * The channel (how likely the spinner's walk was) counts at every occurrence, at this weight:
 * the spinner walked once, but the model's taste for common words, which have many synonyms
 * and so a poor channel, recurs at every occurrence.
 */
const CHANNEL_WEIGHT = 0.5
/** Softens the summed log-odds, which take the occurrences for independent evidence, into posteriors. */
const TEMPERATURE = 3
/** An original won with this posterior is kept from the phrases that come after. */
const CLAIM = 0.3
/** Phrases won with this posterior (before the rate is known) give the spinner's rate. */
const CLEAR = 0.9
const MIN_RATE = 0.05
const MAX_RATE = 0.95
/** A phrase beside the same unlikely word in this share of its occurrences is part of a longer unit. */
const UNIT_SHARE = 0.75

/**
 * The original each recurring, unlikely phrase of the documents stands for, if any. A spinner
 * has one substitute per original, so originals are given out best-first, each to one phrase.
 */
function mine(texts: readonly string[][], model: NgramModel, thesaurus: Thesaurus, casing: CasingModel): Map<string, Mined> {
  const phrases: {spun: string; unit: boolean; seen: number; contexts: Context[]; candidates: Scored[]}[] = []
  const neighbours = neighbourFinder(model, thesaurus)
  for (const [spun, occurrences] of phrasesOf(texts, model, thesaurus, casing)) {
    if (new Set(occurrences.map((o) => o.document)).size < MINE_DOCUMENTS) continue
    const sample = spread(occurrences, MAX_CONTEXTS)
    const contexts = sample.map((o) => contextOf(model, o))
    if (contexts.reduce((sum, c) => sum + c.surprise, 0) / contexts.length < MINE_SURPRISE) continue
    const unit = inUnit(model, sample)
    const scored = (candidate: Candidate, upto: number): Scored => {
      const gains = contexts.slice(0, upto).map((c) => windowScore(model, c.left, candidate.ids, c.right) - c.observed)
      return {original: candidate.original, gains, score: gains.reduce((sum, gain) => sum + gain + CHANNEL_WEIGHT * candidate.channel, 0)}
    }
    const probed = neighbours(spun).map((candidate) => ({candidate, score: scored(candidate, PROBE).score}))
    const shortlist = probed.sort((a, b) => b.score - a.score).slice(0, SHORTLIST)
    if (shortlist.length > 0) phrases.push({spun, unit, seen: occurrences.length, contexts, candidates: shortlist.map(({candidate}) => scored(candidate, contexts.length))})
  }
  weighRate(texts, phrases)
  const byStrength = (p: {candidates: Scored[]}) => posterior(p.candidates.map((c) => c.score))
  const mined = new Map<string, Mined>()
  const claimed = new Set<string>()
  for (const {spun, unit, contexts, candidates} of phrases.sort((a, b) => byStrength(b) - byStrength(a))) {
    const free = candidates.filter((c) => !claimed.has(c.original))
    if (free.length === 0) continue
    const p = posterior(free.map((c) => c.score))
    const winner = best(free)
    const wins = contexts.filter((_, k) => winner.gains[k] > 0)
    if (p >= CLAIM) claimed.add(winner.original)
    mined.set(spun, {
      unit,
      original: winner.original,
      posterior: p,
      share: wins.length / contexts.length,
      documents: new Set(wins.map((c) => c.document)).size,
      occurrences: wins.length
    })
  }
  return mined
}

/**
 * The spinner replaces an original at some steady rate, so the original should still stand
 * unspun about (1 - rate) / rate times as often as its substitute. The rate is read off the
 * clear cases; then a candidate seen far more often (a common word the model merely likes
 * better) or far less loses by how much less likely the two counts are at that rate than at
 * their own.
 */
function weighRate(texts: readonly string[][], phrases: readonly {seen: number; contexts: Context[]; candidates: Scored[]}[]): void {
  const counts = countPhrases(texts, phrases.flatMap((p) => p.candidates.map((c) => c.original)))
  const clear = phrases.filter((p) => posterior(p.candidates.map((c) => c.score)) >= CLEAR)
  if (clear.length === 0) return
  const spun = clear.reduce((sum, p) => sum + p.seen, 0)
  const rate = clamp(spun / (spun + clear.reduce((sum, p) => sum + (counts.get(best(p.candidates).original) ?? 0), 0)), MIN_RATE, MAX_RATE)
  for (const p of phrases) {
    // counts scaled to the occurrences scored, as the gains are
    const scale = p.contexts.length / p.seen
    for (const c of p.candidates) c.score += binomialLoss(p.contexts.length, (counts.get(c.original) ?? 0) * scale, rate)
  }
}

/** log10 of how much less likely `spun` substitutes and `original` originals are at `rate` than at their own rate (<= 0). */
function binomialLoss(spun: number, original: number, rate: number): number {
  const own = spun / (spun + original)
  const term = (count: number, p: number, q: number) => (count > 0 ? count * Math.log10(p / q) : 0)
  return term(spun, rate, own) + term(original, 1 - rate, 1 - own)
}

/** The posterior of the best of some candidates, from their scores (log10 odds against keeping the phrase). */
function posterior(scores: readonly number[]): number {
  const top = Math.max(...scores)
  return 1 / (Math.pow(10, -top / TEMPERATURE) + scores.reduce((sum, score) => sum + Math.pow(10, (score - top) / TEMPERATURE), 0))
}

function best(candidates: readonly Scored[]): Scored {
  return candidates.reduce((a, b) => (b.score > a.score ? b : a))
}

/** Occurrences of the words and thesaurus phrases worth mining: no names, numbers or symbols. */
function phrasesOf(texts: readonly string[][], model: NgramModel, thesaurus: Thesaurus, casing: CasingModel): Map<string, Occurrence[]> {
  const index = new Map<string, Occurrence[]>()
  const minable = new Map<string, boolean>()
  const isMinable = (word: string) => {
    let ok = minable.get(word)
    if (ok === undefined) minable.set(word, (ok = /^[\p{L}'-]+$/u.test(word) && casePattern(casing.standalone(word).form) === 'lower'))
    return ok
  }
  texts.forEach((tokens, document) => {
    for (const sentence of sentencesOf(tokens)) {
      const words = sentence.filter((token) => token !== GAP)
      // whether each word follows the one before with no punctuation between
      const joined = sentence.flatMap((token, k) => (token === GAP ? [] : [k > 0 && sentence[k - 1] !== GAP]))
      const ids = [model.bos]
      const starts: number[] = []
      for (const word of words) {
        starts.push(ids.length)
        ids.push(...wordsOf(word).map((part) => model.id(part)))
      }
      starts.push(ids.length)
      ids.push(model.eos)
      for (let i = 0; i < words.length; i++) {
        let phrase = ''
        for (let j = i; j < Math.min(words.length, i + MINE_SPAN); j++) {
          if (!isMinable(words[j]) || (j > i && !joined[j])) break
          phrase = j === i ? words[j] : `${phrase} ${words[j]}`
          if (j > i && !thesaurus.has(phrase)) continue
          let list = index.get(phrase)
          if (!list) index.set(phrase, (list = []))
          list.push({document, ids, start: starts[i], end: starts[j + 1]})
        }
      }
    }
  })
  return index
}

/** A document's sentences: its tokens between END marks. */
function sentencesOf(tokens: readonly string[]): string[][] {
  const sentences: string[][] = [[]]
  for (const token of tokens) {
    if (token === END) sentences.push([])
    else sentences[sentences.length - 1].push(token)
  }
  return sentences.filter((sentence) => sentence.length > 0)
}

/** An occurrence in its context, with the model's score of what stands there. */
function contextOf(model: NgramModel, {document, ids, start, end}: Occurrence): Context {
  let worst = 0
  for (let k = start; k < end; k++) worst = Math.min(worst, model.logProb(k >= 2 ? ids[k - 2] : -1, ids[k - 1], ids[k]))
  const left = ids.slice(Math.max(0, start - 2), start)
  const right = ids.slice(end, end + 2)
  return {document, left, right, observed: windowScore(model, left, ids.slice(start, end), right), surprise: -worst}
}

/**
 * Whether a phrase nearly always stands beside the same word, itself unlikely there: the two
 * are then one spun unit ("soundbox sagacious" for "country", "city-like centers" for
 * "cities"), which the phrase alone does not stand for.
 */
function inUnit(model: NgramModel, occurrences: readonly Occurrence[]): boolean {
  const beside = (at: (o: Occurrence) => number) => {
    const tally = new Map<number, {count: number; surprise: number}>()
    for (const o of occurrences) {
      const k = at(o)
      if (k < 1 || k >= o.ids.length - 1) continue
      const t = tally.get(o.ids[k]) ?? {count: 0, surprise: 0}
      t.count++
      t.surprise -= model.logProb(k >= 2 ? o.ids[k - 2] : -1, o.ids[k - 1], o.ids[k])
      tally.set(o.ids[k], t)
    }
    return [...tally.values()].some((t) => t.count >= UNIT_SHARE * occurrences.length && t.surprise / t.count >= MINE_SURPRISE)
  }
  return beside((o) => o.start - 1) || beside((o) => o.end)
}

/**
 * Terms within two thesaurus links of a phrase (synonym lists read either way: the spinner may
 * have walked a list the mythes thesaurus holds the other way round), re-inflected like the
 * phrase, with the channel of the likeliest walk; originals the model does not know are left
 * out.
 */
function neighbourFinder(model: NgramModel, thesaurus: Thesaurus): (spun: string) => Candidate[] {
  const channel = (term: string) => stepChannel(thesaurus.fanout(term))
  // the terms whose synonym lists hold the term first: the way the spinner walked
  const linked = (term: string) => [...new Set([...thesaurus.sources(term), ...thesaurus.synonyms(term)])]
  return (spun) => {
    const found = new Map<string, Candidate>()
    const readings = [{lemma: spun, kind: undefined}, ...(spun.includes(' ') ? [] : thesaurus.lemmas(spun))]
    for (const {lemma, kind} of readings) {
      const add = (term: string, walk: number) => {
        const original = kind ? thesaurus.inflectTerm(term, kind) : term
        if (original === undefined || term === lemma || original === spun || (found.get(original)?.channel ?? -Infinity) >= walk) return
        const ids = wordsOf(original).map((word) => model.id(word))
        if (!ids.includes(model.unk)) found.set(original, {original, ids, channel: walk})
      }
      for (const middle of linked(lemma)) {
        const first = channel(middle)
        add(middle, first)
        for (const term of linked(middle).slice(0, SECOND_LINKS)) add(term, first + channel(term))
      }
    }
    return [...found.values()]
  }
}

/** At most `count` items, evenly spread. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items]
  return Array.from({length: count}, (_, k) => items[Math.floor((k * items.length) / count)])
}

// ---------------------------------------------------------------- selection and output

export function selectPairs(candidates: readonly LearnedPair[], options: SelectOptions = {}): LearnedPair[] {
  const minSupport = options.minSupport ?? DEFAULT_MIN_SUPPORT
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE
  return candidates.filter((pair) => pair.documents >= minSupport && pair.confidence >= minConfidence).sort(byStrength)
}

/** Best first: more documents, then more confident, then alphabetical. */
function byStrength(a: LearnedPair, b: LearnedPair): number {
  return b.documents - a.documents || b.confidence - a.confidence || b.occurrences - a.occurrences || a.spun.localeCompare(b.spun)
}

/** A learned pair as a dictionary row (the weight at least 0.001, as rows need). */
export function learnedRow(pair: LearnedPair): string {
  const source = `learn: ${pair.documents} ${pair.documents === 1 ? 'document' : 'documents'}, ${pair.occurrences} ${pair.occurrences === 1 ? 'time' : 'times'}`
  return dictionaryRow(pair.spun, pair.original, Math.max(0.001, pair.confidence), source)
}

/** The whole dictionary file for learned pairs. */
export function learnedDictionary(pairs: readonly LearnedPair[], about: {documents: number; paths?: readonly string[]; minSupport: number; minConfidence: number}): string {
  const inputs = about.paths && about.paths.length > 0 ? ` from ${about.paths.map((path) => basename(path)).slice(0, 5).join(', ')}${about.paths.length > 5 ? ', ...' : ''}` : ''
  const header = dictionaryHeader([
    `unspin learn: ${pairs.length} pairs mined from ${about.documents} spun documents${inputs}`,
    `kept from ${about.minSupport} documents and confidence ${about.minConfidence} on; columns: spun, original, weight, source`
  ])
  return header + pairs.map((pair) => learnedRow(pair) + '\n').join('')
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value))
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

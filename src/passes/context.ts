/**
 * Context: words and phrases the language model finds unlikely get candidate originals from the
 * inverted thesaurus (several hops, through multi-word entries), and each sentence is decoded
 * once as a noisy channel: P(original in context) x P(spinner wrote what we see | original).
 * The spinner's substitution rate is the document's own, estimated by expectation-maximisation
 * over how strongly the model wants each word changed, and over the substitutions earlier passes
 * found (known tortured phrases say the document was spun). An original gains where the whole
 * document speaks for it: it best explains several different spun words (a spinner varies its
 * synonyms), or it fits the document's subject better than the words it would replace.
 */
import type {Root, Sentence} from 'nlcst'
import type {VFile} from 'vfile'
import {commit, type Policy, type Proposal} from '../changes.js'
import {decode, type Decision, type Option} from '../lattice.js'
import type {NgramModel} from '../lang/lm.js'
import {windowScore} from '../lang/score.js'
import {Memo} from '../memo.js'
import type {Lift, TopicModel} from '../lang/topics.js'
import type {Origin, ScoredOrigins, Thesaurus} from '../lang/thesaurus.js'
import type {CasingModel} from '../lang/casing.js'
import type {PhraseDictionary} from '../lang/phrases.js'
import type {WordOrigins} from '../lang/origins.js'
import {TermReader} from '../lang/terms.js'
import {casePattern, matchCasing} from '../text/case.js'
import {documentStats, type DocumentStats} from '../text/document.js'
import {joined, sentencesOf, spanText, tokensOf, wordsOf, type Token} from '../text/sentence.js'

declare module 'vfile' {
  interface DataMap {
    /** Words of the document that earlier passes restored from known substitutions (expected count). */
    substitutedWords: number
  }
}

export interface ContextOptions {
  model: NgramModel
  thesaurus: Thesaurus
  /** Phrase dictionaries, read word by word for substitutions of single words. */
  dictionary: PhraseDictionary
  casing: CasingModel
  topics: TopicModel
  /** Single words' originals searched ahead of time (corpus/origins); without it, each is searched when first met. */
  wordOrigins?: WordOrigins
  policy: Policy
}

/** Longest spun run looked up, in tokens. */
export const MAX_SPAN = 4
/** Thesaurus hops walked backwards. */
export const MAX_HOPS = 3
/** A span is searched only if one of its words is at least this unlikely (-log10 P) in context. */
const MIN_SURPRISE = 2.5
/** Candidates kept per span after the local test. */
const CANDIDATES_PER_SPAN = 4
/** Fan-out assumed for a path step that is no headword (an inflected form, a half-substituted phrase). */
const UNKNOWN_FANOUT = 10
/** Bounds on a step's fan-out, so no single step is free or hopeless. */
const MIN_FANOUT = 3
const MAX_FANOUT = 300
/** A candidate must beat the observed words locally by this much (log10) to enter the lattice. */
const LOCAL_MARGIN = 0
/** Bounds of the document's substitution rate, and where its estimate starts. */
const MIN_RATE = 0.002
const MAX_RATE = 0.3
const PRIOR_RATE = 0.01
/** Gains are capped here when they count as evidence of the rate, so one word cannot decide it. */
const MAX_GAIN = 6
/**
 * Share of a gain that the original's higher unigram probability explains which is no evidence
 * of the rate: the model prefers common words anywhere, so formal prose ("warranted", "therewith")
 * looked spun. At 0.5, 1875-1953 State of the Union prose (test/fixtures/clean-older) has 0.55
 * words changed per 1,000 instead of 2.0, for 0.0002 more WER on the simulator's spins; at 1 the
 * rate of spun texts drops too (with the prior still softened, WER rose by 0.004 more).
 */
const FREQUENCY_DISCOUNT = 0.5
/** Softens the model's overconfident log-odds into calibrated posteriors. */
const TEMPERATURE = 2
/** Kept words whose best rival reaches this posterior are still reported. */
const RIVAL_FLOOR = 0.25
/**
 * Single words whose originals are remembered, and multi-word spans, in caches of their own: a
 * text brings tens of thousands of spans, nearly all without originals, for every few thousand new
 * words, and one shared cache, emptied when full, threw the words' costly searches away every 200
 * kB or so. Apart, 10 MB of State of the Union text took 12% less time. A word's originals take
 * about 2 kB of heap: at 30,000 words the caches outgrew a worker's heap (WORKER_HEAP_MB) after
 * 6 MB of spun text. Since most words' originals come from the table of corpus/origins, a miss
 * costs little: 10,000 words restore 2 MB of spun text as fast, with 20 MB less heap.
 */
const WORD_CACHE_SIZE = 10_000
const SPAN_CACHE_SIZE = 10_000
/**
 * Model ids of originals that are no thesaurus term (inflected forms, dictionary originals): terms
 * keep theirs by id. 100,000 cost 20-25 MB more peak memory with two workers and no time.
 */
const TERM_MEMO_SIZE = 20_000
const EXPLANATION_MEMO_SIZE = 10_000
/**
 * Sentences whose search is remembered: the rounds over a chunk hold a few hundred to 2,000; more
 * only adds memory (5,000: +30 MB at peak with two workers).
 */
const SEARCH_MEMO_SIZE = 2_000
/**
 * Origins of a span scored in context at most: the likeliest by P(original) x P(path). On the
 * simulator's and the tortured list's substitutions, 20 keep as many right originals as 60 did
 * by the path alone.
 */
const MAX_ORIGINS = 20
/** Origins of a span ranked by P(original) x P(path) at most, taken by P(path): more keep no more right ones. */
const RANKED_PATHS = 200
/** Weight of how much better an original fits the document's subject than what it replaces (log10 lifts). */
const SUBJECT_WEIGHT = 0.5
/** log10 bonus of an original per doubling of the different spun texts it best explains. */
const SHARED_BONUS = 0.6
/**
 * Local gain (log10) a span's best candidate needs to count: weaker ones are mostly the words the
 * model favours anywhere ("is", "support"), and let them gain on unspun words (simulator seeds).
 */
const SHARED_MIN_GAIN = 2
/**
 * Local gain (log10) a candidate needs at each place of a spun text to count for consistency: the
 * text need not be spun at all ("under" -> "in" twice in a speech), so only strong preferences
 * count (at 2 or 3, 0.5 MB of clean State of the Union text had 4-10 more changes; at 4, none).
 */
const CONSISTENT_MIN_GAIN = 4
/**
 * Words more common than this (log10 unigram) are the 130 or so commonest: "is", "in", "by",
 * "have". Originals with one do not count as shared: in a long clean text they are the best
 * candidate of many different words by chance (State of the Union text: 37 changes instead of 28
 * where they counted). And a span of them is not traced back to a span of them: the model tells
 * "job by detaining" from "job of detaining" on a hair, and on simulated spins such changes were
 * right 2 times in 30.
 */
const COMMON_LOGPROB = -3
/**
 * log10 bonus of a known term (an original of the phrase dictionaries: "big data", "random
 * forest") read back word by word from a span: the news-trained model underrates the terms paper
 * mills disguise. It is a prior on the original, no evidence that the text was spun (it does not
 * raise the substitution rate). Chosen on folds 1-2 of the tortured list (scripts/eval-tortured.mjs
 * holds out fold 0) and clean text: at 0, 2, 3 and 4, fold 1's held-out phrases amid known ones came
 * back 7.8%, 12.5%, 14.2% and 14.6% of the time (fold 2: 8.6%, 13.6%, 14.3%, 15.4%); at 4, the
 * scikit-learn guide (nine chapters of test/fixtures/clean-science) had its first proposals of terms ("regression
 * methods" for "regression techniques", 0.48).
 */
const TERM_BONUS = 3
/**
 * A word the phrase dictionaries write for others far more often than English writes it at all
 * ("corrosive" for "acid", "blunder" for "error") is likelier a spinner's: its dictionary
 * originals, alone or in a known term read back, gain the log10 of how many times more often (the
 * share of the rows' word substitutions that write it, over its unigram probability), less
 * SPINNER_WORD_OFFSET, at most SPINNER_WORD_MAX. Like TERM_BONUS, a prior on the original, no
 * evidence of the rate. Chosen on folds 1-2 of the tortured list and clean text, for single words
 * first: with no offset, held-out phrases amid known ones came back 15.9% and 16.0% of the time
 * (14.0% and 14.3% without the bonus), but the scientific prose of test/fixtures/clean-science had
 * 1.66 words changed per 1,000 instead of 0.69 (the rows write "information" and "system" for
 * "data" and "network", which English writes often too); at 1.5, 1.09; at 2, 0.74, for 14.9% and
 * 15.2%. In known terms too, held-out phrases alone came back 11.0% and 12.2% of the time instead
 * of 9.4% and 10.7%, amid known ones 15.7% and 16.7%, with no change on clean text.
 */
const SPINNER_WORD_OFFSET = 2
const SPINNER_WORD_MAX = 2

export default function context(options: ContextOptions) {
  const {model, thesaurus, casing, dictionary, topics, wordOrigins, policy} = options
  const origins = cachedOrigins(thesaurus, model, dictionary, wordOrigins)
  // later rounds search again the sentences that earlier ones left as they were
  const searches = new Memo<string, Search>(SEARCH_MEMO_SIZE)
  return function (tree: Root, file: VFile): void {
    const stats = documentStats(file, tree)
    const sentences = sentencesOf(tree)
    const worthSearching = (token: Token, position: number) => eligible(token, position, stats, casing)
    const lattices = sentences.map((sentence) => {
      const tokens = tokensOf(sentence)
      const search = searches.get(searchKey(sentence, tokens, stats), () => searchOf(sentence, tokens, model, origins, worthSearching))
      return latticeOf(sentence, tokens, search, model, origins)
    })
    const rate = substitutionRate(lattices.flatMap((lattice) => lattice.evidence), stats.words, file.data.substitutedWords ?? 0)
    const preference = lattices.some((lattice) => lattice.candidates.length > 0) ? documentPreference(lattices, topics, model) : () => 0
    lattices.forEach((lattice, k) => {
      const proposals = lattice.decide(rate, preference).map((decision) => lattice.proposal(decision))
      commit(file, sentences[k], lattice.tokens, 'context', proposals, policy)
    })
  }
}

/**
 * What the whole document says for an original over the span it would replace (log10), each given
 * as text and model ids: it explains several spun words, it fits the subject better.
 */
type Preference = (original: string, ids: readonly number[], spun: string, spunIds: readonly number[]) => number

interface Lattice extends Search {
  tokens: Token[]
  /** Per token with candidates: sum of 10^gain over them (how strongly the model wants a change). */
  evidence: number[]
  decide(rate: number, preference: Preference): Decision[]
  proposal(decision: Decision): Proposal
}

interface Candidate {
  /** log10 gain over the observed words in the observed context, hop costs included. */
  gain: number
  first: number
  last: number
  text: string
  ids: number[]
  /** log10 P(the spinner walked this path | the original was substituted), its prior included. */
  channel: number
  /** The part of the channel that is a prior on the original (TERM_BONUS, the spinner-word bonus), no evidence of spinning. */
  prior: number
}

/** What the search of a sentence found: its tokens' model ids, and the candidates of its spans. */
interface Search {
  tokenIds: number[][]
  candidates: Candidate[]
}

/**
 * All that searchOf() depends on, as one string: whether the document's casing is corrupted, then
 * the tokens as written, each followed by a space if the next is joined to it, else a line break.
 */
function searchKey(sentence: Sentence, tokens: Token[], stats: DocumentStats): string {
  let key = stats.casingCorrupted ? 'corrupted\n' : 'cased\n'
  tokens.forEach((token, i) => (key += token.text + (i + 1 < tokens.length && joined(sentence, token, tokens[i + 1]) ? ' ' : '\n')))
  return key
}

function searchOf(sentence: Sentence, tokens: Token[], model: NgramModel, origins: OriginLookup, worthSearching: Eligibility): Search {
  const tokenIds = tokens.map((token) => wordsOf(token.lower).map((word) => model.id(word)))
  return {tokenIds, candidates: candidatesOf(sentence, tokens, tokenIds, model, origins, worthSearching)}
}

function latticeOf(sentence: Sentence, tokens: Token[], {tokenIds, candidates}: Search, model: NgramModel, origins: OriginLookup): Lattice {
  const options = (rate: number, preference: Preference) => {
    const keepPrior = Math.log10(1 - rate)
    const substitutionPrior = Math.log10(rate)
    const keeps: Option[] = tokens.map((_, i) => ({first: i, last: i, text: '', ids: tokenIds[i], prior: keepPrior, channel: 0, keep: true, rule: ''}))
    const starts: Option[][] = tokens.map(() => [])
    for (const c of candidates) {
      const channel = c.channel + preference(c.text, c.ids, spunText(tokens, c), tokenIds.slice(c.first, c.last + 1).flat())
      starts[c.first].push({first: c.first, last: c.last, text: c.text, ids: c.ids, prior: substitutionPrior, channel, keep: false, rule: ''})
    }
    return {keeps, starts}
  }
  const evidence = new Map<number, number>()
  for (const c of candidates) {
    const gain = c.gain - c.prior - FREQUENCY_DISCOUNT * Math.max(0, unigrams(model, c.ids) - unigrams(model, tokenIds.slice(c.first, c.last + 1).flat()))
    evidence.set(c.first, (evidence.get(c.first) ?? 0) + Math.pow(10, Math.min(gain, MAX_GAIN) / TEMPERATURE))
  }
  return {
    tokens,
    tokenIds,
    candidates,
    evidence: [...evidence.values()],
    decide(rate, preference) {
      if (candidates.length === 0) return []
      const {keeps, starts} = options(rate, preference)
      return decode(model, keeps, starts, TEMPERATURE, RIVAL_FLOOR)
    },
    proposal({option, posterior}) {
      return {
        first: option.first,
        last: option.last,
        to: matchCasing(spanText(sentence, tokens, option.first, option.last), option.text),
        ...origins.explain(tokens.slice(option.first, option.last + 1).map((t) => t.lower), option.text),
        confidence: posterior
      }
    }
  }
}

/** Made only for documents with candidates: the others need no preference. */
function documentPreference(lattices: Lattice[], topics: TopicModel, model: NgramModel): Preference {
  const shared = sharedOriginals(lattices, model)
  // the subject is found from the words no candidate would replace: a spun word ("brokers" for
  // "agents") would draw in documents on its own subject
  const fit = subjectFit(topics.lift(lattices.flatMap((lattice) => unsuspected(lattice))))
  return (original, ids, spun, spunIds) => shared(original, spun) + fit(ids) - fit(spunIds)
}

/** How much better words fit the document's subject, as a log10 bonus of the words in `ids`. */
function subjectFit(lift: Lift): (ids: readonly number[]) => number {
  return (ids) => SUBJECT_WEIGHT * ids.reduce((sum, id) => sum + lift(id), 0)
}

/**
 * An original gains for what it explains across the document. A spinner draws a new synonym each
 * time it meets a word again ("records" became "files", "data", "strategies"), so an original that
 * best explains several different spun texts is likelier than one that explains one. And a spun
 * text stands for the same original wherever it appears ("bear" for "have", six times in seed
 * 004), so an original the model strongly prefers at several places of the same text gains there.
 */
function sharedOriginals(lattices: Lattice[], model: NgramModel): (original: string, spun: string) => number {
  // the different spun texts of the spans the model surely wants changed, by their best candidate
  // (candidatesOf() lists a span's best first) if that is no common word
  const spans = new Map<string, Set<string>>()
  // the places of each spun text whose best candidate gains CONSISTENT_MIN_GAIN, by both
  const places = new Map<string, number>()
  for (const {tokens, candidates} of lattices) {
    candidates.forEach((c, k) => {
      const previous = candidates[k - 1]
      if (previous && previous.first === c.first && previous.last === c.last) return
      const spun = spunText(tokens, c)
      const place = `${spun}\n${c.text}`
      if (c.gain >= CONSISTENT_MIN_GAIN) places.set(place, (places.get(place) ?? 0) + 1)
      if (c.gain < SHARED_MIN_GAIN || c.ids.some((id) => isCommon(model, id))) return
      const known = spans.get(c.text)
      if (known) known.add(spun)
      else spans.set(c.text, new Set([spun]))
    })
  }
  return (original, spun) => SHARED_BONUS * Math.log2((spans.get(original)?.size ?? 1) * (places.get(`${spun}\n${original}`) ?? 1))
}

/** The lowercase text of the tokens a candidate would replace. */
function spunText(tokens: Token[], {first, last}: Candidate): string {
  return tokens.slice(first, last + 1).map((t) => t.lower).join(' ')
}

/** The model ids of the words of the tokens no candidate covers: what the document surely says. */
function unsuspected({tokenIds, candidates}: Search): number[] {
  const suspected = new Uint8Array(tokenIds.length)
  for (const c of candidates) suspected.fill(1, c.first, c.last + 1)
  return tokenIds.filter((_, i) => suspected[i] === 0).flat()
}

/**
 * Candidate originals for every run of up to MAX_SPAN joined tokens, kept when they beat the
 * observed words in the observed context (the lattice then weighs them against each other).
 */
function candidatesOf(
  sentence: Sentence,
  tokens: Token[],
  tokenIds: number[][],
  model: NgramModel,
  origins: OriginLookup,
  worthSearching: Eligibility
): Candidate[] {
  const found: Candidate[] = []
  const flat = [model.bos, ...tokenIds.flat(), model.eos]
  // where each token's ids start in `flat` (after the bos)
  const starts: number[] = []
  tokenIds.reduce((at, ids, i) => ((starts[i] = at), at + ids.length), 1)
  starts.push(flat.length - 1)
  // How surprising each token is in its observed context: spans without a surprising word are
  // not worth a thesaurus search (most of a clean text).
  const surprise = tokenIds.map((ids, i) => {
    let worst = 0
    ids.forEach((id, k) => {
      const at = starts[i] + k
      worst = Math.min(worst, model.logProb(at >= 2 ? flat[at - 2] : -1, flat[at - 1], id))
    })
    return -worst
  })
  // asked once per token, not once per span it is in
  const searchable = tokens.map((token, i) => worthSearching(token, i))
  for (let first = 0; first < tokens.length; first++) {
    if (!searchable[first]) continue
    const left = flat.slice(Math.max(0, starts[first] - 2), starts[first])
    let surprising = false
    for (let last = first; last < Math.min(tokens.length, first + MAX_SPAN); last++) {
      if (last > first && (!joined(sentence, tokens[last - 1], tokens[last]) || !searchable[last])) break
      surprising ||= surprise[last] >= MIN_SURPRISE
      if (!surprising) continue
      const {originals, ids, channels, priors} = origins.sources(tokens.slice(first, last + 1).map((t) => t.lower))
      if (originals.length === 0) continue
      const right = flat.slice(starts[last + 1], starts[last + 1] + 2)
      const observed = windowScore(model, left, flat.slice(starts[first], starts[last + 1]), right)
      const local: Candidate[] = []
      for (let k = 0; k < originals.length; k++) {
        const gain = windowScore(model, left, ids[k], right) + channels[k] - observed
        if (gain > LOCAL_MARGIN) local.push({first, last, text: originals[k], ids: ids[k], channel: channels[k], prior: priors?.[k] ?? 0, gain})
      }
      found.push(...local.sort((a, b) => b.gain - a.gain).slice(0, CANDIDATES_PER_SPAN))
    }
  }
  return found
}

/**
 * log10 probability that a spinner walked a path, given the fan-out of each step after the spun
 * span: at each step it picked one of the synonyms of the term it stood on, so terms with many
 * synonyms ("do", "make") are unlikely sources of any one of them.
 */
function pathChannel(fanouts: number[]): number {
  return fanouts.reduce((channel, fanout) => channel + stepChannel(fanout), 0)
}

/** log10 probability of one step, from the fan-out of the term it leads to (0: no headword). */
export function stepChannel(fanout: number): number {
  return -Math.log10(clamp(fanout || UNKNOWN_FANOUT, MIN_FANOUT, MAX_FANOUT))
}

/** Whether a token (at a position in its sentence) may be a spun word. */
type Eligibility = (token: Token, position: number) => boolean

/** A word English capitalises this surely is a name even where the document's casing says nothing. */
const NAME_SURE = 0.9

/**
 * Numbers and symbols are never spun words, nor are names: in well-cased text, a capitalised
 * word after the first of a sentence is taken for a name unless English writes it lowercase, and
 * a short word in capitals between words that are not is a numeral or an acronym ("World War
 * II"; a run of CAPS may be a spinner's); in corrupted casing, a word English nearly always
 * capitalises ("Latino", "Chicago").
 */
function eligible(token: Token, position: number, stats: DocumentStats, casing: CasingModel): boolean {
  if (!/^[\p{L}'-]+$/u.test(token.text)) return false
  const {form, probability} = casing.standalone(token.lower)
  if (stats.casingCorrupted) return casePattern(form) === 'lower' || probability < NAME_SURE
  if (token.text.length > 1 && casePattern(token.text) === 'upper' && stats.acronyms.has(token.lower)) return false
  if (position === 0 || !/^\p{Lu}/u.test(token.text)) return true
  return casePattern(form) === 'lower'
}

/**
 * The candidate originals of a spun span, ready to score, in parallel arrays (the channel scores
 * as unboxed doubles): an object per original took most of the origin cache's memory.
 */
export interface Sources {
  originals: readonly string[]
  /** The model ids of each original's words. */
  ids: readonly number[][]
  /** log10 P(the spinner walked from each original to the span), with its prior. */
  channels: readonly number[]
  /**
   * Each channel's prior on the original (TERM_BONUS for a known term read back, SPINNER_WORD_*
   * for a spinner's word); absent where all are 0.
   */
  priors?: readonly number[]
}

/** Originals scored by path, with the priors in their scores where any is not 0 (see Sources). */
interface ScoredWithPriors extends ScoredOrigins {
  priors?: number[]
}

/** What most spans get: one shared value rather than empty arrays per cache entry. */
const NO_SOURCES: Sources = {originals: [], ids: [], channels: []}

interface OriginLookup {
  /** Candidate originals of a span, cached. */
  sources(spun: string[]): Sources
  /**
   * How the spinner got from an original to the span (the path, found again: only a decision
   * needs it), the data that say so, and which kind of data that is.
   */
  explain(spun: string[], original: string): {rule: string; origin: string; kind: OriginKind}
}

/**
 * The data a change's original comes from, by kind: the kinds are calibrated apart where the
 * calibration data tell them apart (scripts/calibrate.mjs).
 */
export const ORIGINS = {
  thesaurus: 'thesaurus (corpus/thesaurus) + language model (corpus/lm)',
  dictionaries: 'phrase dictionaries, word by word + language model (corpus/lm)',
  terms: 'known term of the phrase dictionaries, read back word by word (corpus/thesaurus, the rows) + language model (corpus/lm)'
}
type OriginKind = keyof typeof ORIGINS

/**
 * Candidate originals of spun spans from the thesaurus, with their model ids and channel scores,
 * cached per span without their paths (which would take most of the cache's memory). Originals
 * the model does not know, and ones that only drop or add words of the span, are left out.
 * A single word also gets the originals the phrase dictionaries substitute it for, word by word,
 * at the share of its substitutions each takes (with the SPINNER_WORD_* bonus); a longer span,
 * the dictionaries' originals it reads back to word by word (TermReader), with TERM_BONUS.
 */
function cachedOrigins(thesaurus: Thesaurus, model: NgramModel, dictionary: PhraseDictionary, wordOrigins?: WordOrigins): OriginLookup {
  const rank = originRanker(thesaurus, model)
  const table = wordOrigins?.settings === originSettings(thesaurus, model) ? wordOrigins : undefined
  const hyphenated = (spun: string[]) => spun.some((word) => word.includes('-'))
  const pathOf = (spun: string[], original: string): string[] | undefined =>
    (hyphenated(spun) ? hyphenOrigins(thesaurus, spun).find((o) => o.original === original) : thesaurus.origin(spun, original, MAX_HOPS))?.path
  const sources = (key: string): Sources => {
    const spun = key.split(' ')
    return rank(spun, byPath(spun))
  }
  /**
   * A word's thesaurus originals from the table, where it holds them under this very spelling:
   * ranked already, alone they come back from rank() as they are.
   */
  const fromTable = (word: string): ScoredOrigins | undefined => {
    const id = model.id(word)
    const list = table && model.word(id) === word ? table.get(id) : undefined
    return list && {originals: list.originals, scores: list.channels, terms: list.originals.map(() => -1)}
  }
  /**
   * The originals of a span with their channel scores, likeliest path first; at equal scores, the
   * dictionaries' first, then the thesaurus's in origins() order.
   */
  const byPath = (spun: string[]): ScoredWithPriors => {
    const fromThesaurus =
      (spun.length === 1 && fromTable(spun[0])) ||
      (hyphenated(spun) ? scored(hyphenOrigins(thesaurus, spun)) : thesaurus.scoredOrigins(spun, MAX_HOPS, stepChannel))
    const fromDictionaries = spun.length === 1 ? substitutions(spun[0]) : knownTerms(spun)
    if (fromDictionaries.length === 0) return fromThesaurus
    return bestFirst({
      originals: [...fromDictionaries.map((s) => s.original), ...fromThesaurus.originals],
      scores: [...fromDictionaries.map((s) => s.score), ...fromThesaurus.scores],
      terms: [...fromDictionaries.map(() => -1), ...fromThesaurus.terms],
      priors: fromDictionaries.some((s) => s.prior) ? [...fromDictionaries.map((s) => s.prior ?? 0), ...fromThesaurus.scores.map(() => 0)] : undefined
    })
  }
  const spinnerWord = (word: string): number => {
    const excess = Math.log10(dictionary.writtenShare(word)) - model.unigram(model.id(word))
    return clamp(excess - SPINNER_WORD_OFFSET, 0, SPINNER_WORD_MAX)
  }
  const substitutions = (word: string): Scored[] => {
    const list = dictionary.substitutionsOf(word)
    if (list.length === 0) return []
    const bonus = spinnerWord(word)
    return list.map((s) => ({original: s.original, score: Math.log10(s.share) + bonus, prior: bonus}))
  }
  // made on first use: it indexes the dictionaries' terms
  let terms: TermReader | undefined
  const knownTerms = (spun: string[]): Scored[] => {
    terms ??= new TermReader(dictionary, thesaurus, (word) => isCommon(model, model.id(word)), stepChannel, spinnerWord)
    return terms.readBack(spun).map(({term, channel, prior}) => ({original: term, score: channel + TERM_BONUS, prior: TERM_BONUS + prior}))
  }
  const explain = (key: string) => {
    const [span, original] = key.split('\n')
    const spun = span.split(' ')
    const fromDictionaries = spun.length === 1 ? substitutions(spun[0]) : knownTerms(spun)
    const path = fromDictionaries.some((s) => s.original === original) ? undefined : pathOf(spun, original)
    const kind: OriginKind = path ? 'thesaurus' : spun.length === 1 ? 'dictionaries' : 'terms'
    return {rule: (path ?? [span, original]).join(' < '), origin: ORIGINS[kind], kind}
  }
  const words = new Memo(WORD_CACHE_SIZE, sources)
  const spans = new Memo(SPAN_CACHE_SIZE, sources)
  // later rounds decide the same spans again
  const explanations = new Memo(EXPLANATION_MEMO_SIZE, explain)
  return {
    sources: (spun) => (spun.length === 1 ? words.get(spun[0]) : spans.get(spun.join(' '))),
    explain: (spun, original) => explanations.get(`${spun.join(' ')}\n${original}`)
  }
}

/** An original with its log10 channel score. */
interface Scored {
  original: string
  score: number
  /** The part of the score that is a prior on the original (see Sources.priors). */
  prior?: number
}

/**
 * What a span's originals depend on besides the span: a table of them searched ahead of time is
 * used only where the running code says the same.
 */
export function originSettings(thesaurus: Thesaurus, model: NgramModel): string {
  return [
    `hops ${MAX_HOPS}, ranked paths ${RANKED_PATHS}, originals ${MAX_ORIGINS}, common words above ${COMMON_LOGPROB}`,
    `fan-out ${UNKNOWN_FANOUT} unknown, ${MIN_FANOUT}..${MAX_FANOUT}`,
    `thesaurus of ${thesaurus.size} terms, model of ${model.size} words`
  ].join('; ')
}

/**
 * A span's originals, ready to score, from its thesaurus (and dictionary) originals scored by
 * path: originals the model does not know, ones that only drop or add words of the span, and
 * (for a span of common words) runs of common words are left out; the rest are ranked by
 * P(original) x P(path) among the likeliest paths (Bayes before context, so common words, which
 * spinners replace most, are not cut for their many synonyms), and the best MAX_ORIGINS kept.
 */
export function originRanker(thesaurus: Thesaurus, model: NgramModel): (spun: string[], scored: ScoredWithPriors) => Sources {
  // The same originals come back for many spans; thesaurus terms are looked up by id, which costs
  // less than hashing their texts.
  const modelIds = (original: string) => wordsOf(original).map((word) => model.id(word))
  const idsOf = new Memo(TERM_MEMO_SIZE, modelIds)
  const idsOfTerm: (number[] | undefined)[] = new Array(thesaurus.size)
  return (spun, {originals, scores: channels, terms, priors}) => {
    const commonSpan = spun.every((word) => isCommon(model, model.id(word)))
    const picked: number[] = []
    const idLists: number[][] = []
    const ranks: number[] = []
    for (let k = 0; k < originals.length && picked.length < RANKED_PATHS; k++) {
      const original = originals[k]
      const ids = terms[k] >= 0 ? (idsOfTerm[terms[k]] ??= modelIds(original)) : idsOf.get(original)
      if (ids.includes(model.unk) || (ids.length !== spun.length && wordsOf(original).some((word) => spun.includes(word)))) continue
      if (commonSpan && ids.every((id) => isCommon(model, id))) continue
      picked.push(k)
      idLists.push(ids)
      ranks.push(channels[k] + unigrams(model, ids))
    }
    const kept: string[] = []
    const keptIds: number[][] = []
    const keptChannels: number[] = []
    const keptPriors: number[] = []
    for (const r of descending(ranks)) {
      if (kept.length === MAX_ORIGINS) break
      const original = originals[picked[r]]
      if (kept.includes(original)) continue
      kept.push(original)
      keptIds.push(idLists[r])
      keptChannels.push(channels[picked[r]])
      keptPriors.push(priors?.[picked[r]] ?? 0)
    }
    if (kept.length === 0) return NO_SOURCES
    // sliced to their length: arrays grown by push keep spare room
    const sources = {originals: kept.slice(), ids: keptIds.slice(), channels: keptChannels.slice()}
    return keptPriors.some((prior) => prior !== 0) ? {...sources, priors: keptPriors.slice()} : sources
  }
}

/** log10 unigram probability of a run of words. */
function unigrams(model: NgramModel, ids: readonly number[]): number {
  return ids.reduce((sum, id) => sum + model.unigram(id), 0)
}

function isCommon(model: NgramModel, id: number): boolean {
  return model.unigram(id) > COMMON_LOGPROB
}

/** Origins' originals by their channel scores, best first (equal ones in list order). */
function scored(origins: Origin[]): ScoredOrigins {
  return bestFirst({originals: origins.map((o) => o.original), scores: origins.map((o) => pathChannel(o.fanouts)), terms: origins.map(() => -1)})
}

/** Scored originals reordered by score, highest first, equal ones in list order. */
function bestFirst({originals, scores, terms, priors}: ScoredWithPriors): ScoredWithPriors {
  const order = descending(scores)
  const ordered = {originals: order.map((k) => originals[k]), scores: order.map((k) => scores[k]), terms: order.map((k) => terms[k])}
  return priors ? {...ordered, priors: order.map((k) => priors[k])} : ordered
}

/** Indices of `values` from the highest value to the lowest, equal ones in list order. */
function descending(values: number[]): number[] {
  return values.map((_, k) => k).sort((a, b) => values[b] - values[a] || a - b)
}

/** A hyphenated word ("solar-instances") is traced back part by part ("sun-times"). */
function hyphenOrigins(thesaurus: Thesaurus, spun: string[]): Origin[] {
  if (spun.length !== 1) return []
  const parts = spun[0].split('-')
  if (parts.length !== 2 || parts.some((part) => part === '')) return []
  const choices = parts.map((part) => [{original: part, hops: 0, path: [part], fanouts: []}, ...thesaurus.origins([part], 1).slice(0, 6)])
  const results: Origin[] = []
  for (const a of choices[0]) {
    for (const b of choices[1]) {
      if (a.hops + b.hops === 0 || a.original.includes(' ') || b.original.includes(' ')) continue
      const original = `${a.original}-${b.original}`
      results.push({original, hops: a.hops + b.hops, path: [spun[0], original], fanouts: [thesaurus.fanout(original)]})
    }
  }
  return results
}

/**
 * The document's substitution rate by expectation-maximisation over the local evidence: each
 * position with candidates is substituted with posterior rate*E / ((1 - rate) + rate*E), and the
 * rate is the mean posterior per word (with a weak prior towards PRIOR_RATE). `found` words were
 * already restored by earlier passes: substituted for sure, and among `words`.
 */
export function substitutionRate(evidence: number[], words: number, found = 0): number {
  let rate = PRIOR_RATE
  for (let round = 0; round < 30; round++) {
    const expected = evidence.reduce((sum, e) => sum + (rate * e) / (1 - rate + rate * e), found)
    const next = clamp((expected + PRIOR_RATE * 20) / (words + 20), MIN_RATE, MAX_RATE)
    if (Math.abs(next - rate) < 1e-4) return next
    rate = next
  }
  return rate
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value))
}

/**
 * Truecasing: when a document's casing is corrupted (most words Title Cased, runs of CAPS),
 * write each word the way English text writes it mid-sentence, by a casing model learned from
 * cased corpora, with a capital at the start of each sentence. Words the document itself writes
 * as acronyms (an isolated `ICE`) stay in capitals, and so do the words such an acronym stands for
 * where they stand together ("Immigration and Customs Enforcement"); unknown capitalised words are
 * taken for names and kept. Well-cased documents are left alone.
 */
import type {Root, Sentence} from 'nlcst'
import type {VFile} from 'vfile'
import {commit, type Policy, type Proposal} from '../changes.js'
import {NAME_CONNECTORS, type CaseChoice, type CasingModel} from '../lang/casing.js'
import {capitalize, casePattern, recase} from '../text/case.js'
import {documentStats, type DocumentStats} from '../text/document.js'
import {joined, sentencesOf, spanText, tokensOf, type Token} from '../text/sentence.js'

export interface CasingOptions {
  casing: CasingModel
  policy: Policy
}

export default function casing(options: CasingOptions) {
  const {casing: model, policy} = options
  return function (tree: Root, file: VFile): void {
    const stats = documentStats(file, tree)
    const scrambled = scrambling(tree, model)
    if (!stats.casingCorrupted && scrambled < 0.5) return
    const corruption = Math.max(logistic(20 * (stats.capitalisedShare - 0.35)), scrambled)
    const acronyms = documentAcronyms(stats, model)
    const longestAcronym = Math.max(0, ...[...acronyms].map((acronym) => acronym.length))
    sentencesOf(tree).forEach((sentence) => {
      const tokens = tokensOf(sentence)
      const names = new Map([...namesIn(sentence, tokens, model), ...expansionsIn(sentence, tokens, acronyms, longestAcronym)])
      const proposals: Proposal[] = []
      tokens.forEach((token, i) => {
        const choice = names.get(i) ?? truecase(token, i === 0 || opensQuote(sentence, token), nameShare(sentence, tokens, i, model), model, stats)
        if (!choice) return
        const written = spanText(sentence, tokens, i, i)
        const to = recase(written, choice.form) // keeps curly apostrophes
        if (to === written) return
        proposals.push({first: i, last: i, to, rule: 'truecase', origin: choice.origin, confidence: corruption * choice.probability})
      })
      commit(file, sentence, tokens, 'casing', proposals, policy)
    })
  }
}

/** Words English writes lowercase this surely are evidence of scrambled casing when capitalised. */
const SURELY_LOWER = 0.98
/** Fewer such words than this say nothing. */
const MIN_EVIDENCE = 20
/** Share of them capitalised mid-sentence above what real text shows (headlines aside, at most about 0.18 in a paragraph). */
const SCRAMBLED_SHARE = 0.2

/**
 * How likely the document's casing was scrambled, from the words English nearly always writes
 * lowercase ("the", "which", "has"): real text capitalises them mid-sentence only in titles, a
 * scrambler as often as anything else. This catches a short excerpt whose capitalised share alone
 * looks like a text with many names.
 */
function scrambling(tree: Root, model: CasingModel): number {
  let words = 0
  let capitalised = 0
  sentencesOf(tree).forEach((sentence) => {
    tokensOf(sentence).forEach((token, i) => {
      if (i === 0) return
      const {form, probability} = model.standalone(token.lower)
      if (probability < SURELY_LOWER || casePattern(form) !== 'lower') return
      words++
      if (/^\p{Lu}/u.test(token.text)) capitalised++
    })
  })
  return words < MIN_EVIDENCE ? 0 : logistic(40 * (capitalised / words - SCRAMBLED_SHARE))
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x))
}

interface Choice {
  form: string
  probability: number
  origin: string
}

/**
 * How likely a word stands inside a multi-word name, from its capitalised neighbours: as likely
 * as the likelier of them is a name word ("City" beside "Council"; "The" says nothing). Scrambled
 * casing hides which capitals are real, so the neighbours' own casing model decides.
 */
function nameShare(sentence: Sentence, tokens: readonly Token[], i: number, model: CasingModel): number {
  let share = 0
  for (const k of [i - 1, i + 1]) {
    const neighbour = tokens[k]
    if (!neighbour || !joined(sentence, tokens[Math.min(i, k)], tokens[Math.max(i, k)]) || !/^\p{Lu}/u.test(neighbour.text)) continue
    share = Math.max(share, 1 - lowerShare(model.preferred(neighbour.lower)))
  }
  return share
}

function truecase(token: Token, initial: boolean, inName: number, model: CasingModel, stats: DocumentStats): Choice | undefined {
  const pattern = casePattern(token.text)
  if (!/\p{L}/u.test(token.text) || pattern === 'mixed') return undefined
  // English writes no ordinal suffix in capitals but in CAPS text: "21St" is the scrambler's
  if (ORDINAL.test(token.text)) return {form: token.lower, probability: ORDINAL_LOWER, origin: 'ordinal number'}
  // "ICE’s" is the acronym "ice" in capitals, its possessive as written
  const stem = token.lower.replace(/['’]s$/, '')
  const capitals = token.text.slice(0, stem.length).toUpperCase() + token.text.slice(stem.length).toLowerCase()
  if (!model.isKnown(token.lower)) {
    // most likely a name or an acronym: keep as written
    return stats.acronyms.has(stem) ? {form: capitals, probability: 0.9, origin: ACRONYM} : undefined
  }
  const acronym = acronymProbability(stem, stats, model)
  if (acronym >= 0.5) return {form: capitals, probability: acronym, origin: ACRONYM}
  // Outside multi-word names ("Cook County") most words are lowercase; corrupted casing hides
  // which words form names, so the word's standalone odds are mixed with its odds anywhere (the
  // share of its lowercase forms: what its likeliest capitalised form leaves is no evidence of
  // lowercase, "Kwame" seen once) as far as its neighbours look like a name, then weighed with
  // what the document shows of it.
  const standalone = model.standalone(token.lower)
  const modelLower = inName * model.patternProbability(token.lower, 'lower') + (1 - inName) * lowerShare(standalone)
  const lower = withDocumentEvidence(modelLower, stats.amidLowercase(token.lower.replace(/'s$/, '')), stats.capitalisedAmidLowercase)
  const {form} = standalone
  const best = lower >= 0.5 ? form.toLowerCase() : casePattern(form) === 'lower' ? capitalize(form) : form
  return {form: initial ? capitalize(best) : best, probability: Math.max(lower, 1 - lower), origin: 'casing model (corpus/casing)'}
}

const ORDINAL = /^\d+(?:st|nd|rd|th)$/i
/** P(lowercase) of an ordinal's suffix in scrambled casing: only a CAPS heading would keep "21ST". */
const ORDINAL_LOWER = 0.95
const ACRONYM = 'written as an acronym elsewhere in the document'
/** The least share of isolated CAPS taken for a document's rate, so one such word is not overwhelming evidence. */
const MIN_CAPS_SHARE = 0.01

/**
 * P(a known word is an acronym here) from each time the document writes it in isolated CAPS:
 * always so for an acronym ("ICE", which English also writes as "ice"), at the document's rate of
 * isolated CAPS for any word ("AS", "AFTER"), against the casing model's odds of capitals, which
 * are never below what its observations of the word can rule out.
 */
function acronymProbability(word: string, stats: DocumentStats, model: CasingModel): number {
  const seen = stats.acronyms.get(word) ?? 0
  if (seen === 0) return 0
  const {forms, n} = model.distribution(word)
  const unattributed = 1 - forms.reduce((sum, f) => sum + f.probability, 0)
  const prior = Math.min(0.99, Math.max(model.patternProbability(word, 'upper') + unattributed, n > 0 ? 1 / (n + 2) : 0))
  const odds = (prior / (1 - prior)) * (1 / Math.max(MIN_CAPS_SHARE, stats.isolatedCapsShare)) ** seen
  return odds / (1 + odds)
}

/** P(lowercase) by a casing choice: its form's probability, or the rest when the form is capitalised. */
function lowerShare({form, probability}: CaseChoice): number {
  return casePattern(form) === 'lower' ? probability : 1 - probability
}

/** How often scrambled casing writes a name lowercase amid lowercase words (004: "the chicago police"). */
const NAME_LOWERED = 0.3

/**
 * P(a word is lowercase mid-sentence), from the model's prior and the document's own evidence.
 * Scrambled casing capitalises words in runs; amid lowercase words, a common word is
 * capitalised only as often as the document capitalises anything there, a name nearly always.
 * So "Trump", capitalised amid lowercase words, is a name although the model prefers "trump".
 */
function withDocumentEvidence(modelLower: number, seen: {capitalised: number; lower: number}, share: number): number {
  const common = share ** seen.capitalised * (1 - share) ** seen.lower
  const name = (1 - NAME_LOWERED) ** seen.capitalised * NAME_LOWERED ** seen.lower
  return (modelLower * common) / (modelLower * common + (1 - modelLower) * name)
}

/**
 * Words that stand in a pair English writes capitalized together ("White House", "Police
 * Department"), and the Title Case they take there.
 */
function namesIn(sentence: Sentence, tokens: Token[], model: CasingModel): Map<number, Choice> {
  const found = new Map<number, Choice>()
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!joined(sentence, tokens[i], tokens[i + 1])) continue
    const name = model.name(tokens[i].lower, tokens[i + 1].lower.replace(/'s$/, ''), found.has(i) || afterName(sentence, tokens, i, model))
    if (!name || name.probability <= 0.5) continue
    for (const k of [i, i + 1]) {
      const known = found.get(k)
      if (!known || known.probability < name.probability) {
        const written = tokens[k].text
        const form = casePattern(written) === 'upper' && written.length <= 3 ? written : capitalize(written.toLowerCase())
        found.set(k, {form, probability: name.probability, origin: 'casing model: a name (corpus/casing)'})
      }
    }
  }
  return found
}

/** Whether the token before token `i` (or before a connector there) is likely a name, by the casing model: scrambled casing hides which are. */
function afterName(sentence: Sentence, tokens: readonly Token[], i: number, model: CasingModel): boolean {
  const joinedToNext = (k: number) => k >= 0 && joined(sentence, tokens[k], tokens[k + 1])
  let k = i - 1
  if (joinedToNext(k) && NAME_CONNECTORS.has(tokens[k].lower)) k--
  return joinedToNext(k) && lowerShare(model.preferred(tokens[k].lower)) < 0.5
}

/**
 * The acronyms of three letters or more that the document writes (isolated CAPS, and acronyms by
 * acronymProbability()), in capitals. Two letters would make too many runs of words spell one by
 * chance ("US": "under suspicion").
 */
function documentAcronyms(stats: DocumentStats, model: CasingModel): Set<string> {
  const found = new Set<string>()
  for (const word of stats.acronyms.keys()) {
    const stem = word.replace(/['’]s$/, '')
    if (/^\p{L}{3,}$/u.test(stem) && (!model.isKnown(stem) || acronymProbability(stem, stats, model) >= 0.5)) found.add(stem.toUpperCase())
  }
  return found
}

/** Words an acronym's letters skip ("Department of Homeland Security": DHS). */
const ACRONYM_SKIPS = new Set(['and', 'of', 'for', 'the', 'on', 'in', 'to', '&'])
/** P(Title Case) of a word in a run whose initials spell an acronym of the document. */
const EXPANSION_TITLE = 0.9
const EXPANSION = 'stands for an acronym the document uses'

/**
 * Words in runs whose initials spell an acronym of the document ("Immigration and Customs
 * Enforcement" where it writes "ICE"), as Schwartz and Hearst find acronyms' definitions: Title
 * Case for each word the acronym names, lowercase for the small words it skips. The run starts
 * and ends with a named word and holds nothing but joined words.
 */
function expansionsIn(sentence: Sentence, tokens: Token[], acronyms: Set<string>, longestAcronym: number): Map<number, Choice> {
  const found = new Map<number, Choice>()
  if (acronyms.size === 0) return found
  for (let first = 0; first < tokens.length; first++) {
    if (ACRONYM_SKIPS.has(tokens[first].lower)) continue
    let initials = ''
    let longest = -1
    for (let last = first; last < tokens.length && initials.length < longestAcronym; last++) {
      const token = tokens[last]
      if (!/^\p{L}+$/u.test(token.text) || (last > first && !joined(sentence, tokens[last - 1], token))) break
      if (ACRONYM_SKIPS.has(token.lower)) continue
      initials += token.text[0].toUpperCase()
      if (acronyms.has(initials)) longest = last
    }
    if (longest < 0) continue
    for (let k = first; k <= longest; k++) {
      const skipped = ACRONYM_SKIPS.has(tokens[k].lower)
      found.set(k, {form: skipped ? tokens[k].lower : capitalize(tokens[k].lower), probability: EXPANSION_TITLE, origin: EXPANSION})
    }
    first = longest
  }
  return found
}

/** A word right after a sentence-opening quote mark counts as sentence-initial. */
function opensQuote(sentence: Sentence, token: Token): boolean {
  const before = sentence.children.slice(0, token.index)
  return before.length > 0 && before.every((node) => node.type === 'PunctuationNode' || node.type === 'WhiteSpaceNode')
}

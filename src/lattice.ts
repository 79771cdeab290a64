/**
 * Noisy-channel decoding of one sentence. Each run of tokens may be kept or replaced by a
 * candidate original; a path's score is log10 P(words) under the trigram model plus, for every
 * choice, its prior (how likely the spinner was to replace a word at all) and its channel score
 * (how likely it was to write what we see, given the original). A beam search finds the best
 * path; each replacement on it, and each strong rival of a kept word, gets a posterior from
 * rescoring the alternatives of its span in the best path's context.
 */
import type {NgramModel} from './lang/lm.js'
import {RIGHT_CONTEXT, windowScore} from './lang/score.js'

export interface Option {
  first: number
  last: number
  /** Replacement text, lowercase; empty for "keep". */
  text: string
  ids: number[]
  /** log10 P(the span was kept, or substituted): the document's substitution rate. */
  prior: number
  /** log10 P(observed | this option's words, and that it was kept or substituted). */
  channel: number
  keep: boolean
  rule: string
}

export interface Decision {
  option: Option
  /** Posterior probability of the option among the alternatives for its span. */
  posterior: number
}

/** Paths kept per token position. */
export const BEAM = 8

/** A partial path: its last option, and the state it extends (a path shares its head with others). */
interface State {
  w1: number
  w2: number
  score: number
  option?: Option
  previous?: State
}

/**
 * `keeps[i]` is the keep option of token i; `options[i]` the replacements starting at token i.
 * Returns the replacement decisions of the best path plus rivals of kept tokens whose posterior
 * reaches `rivalFloor`.
 */
export function decode(model: NgramModel, keeps: Option[], options: Option[][], temperature: number, rivalFloor: number): Decision[] {
  const best = bestPath(model, keeps, options)
  const ids = (from: number): number[] => idsFrom(best, from)
  const decisions: Decision[] = []
  for (const chosen of best) {
    const rivals = options[chosen.first]
    if (rivals.length === 0 && chosen.keep) continue
    const alternatives = chosen.keep ? [chosen, ...rivals] : [keeps[chosen.first], ...rivals]
    const posteriors = posteriorsOf(model, alternatives, keeps, best, ids, temperature)
    alternatives.forEach((option, k) => {
      if (option.keep) return
      const isChosen = option === chosen
      if (isChosen || posteriors[k] >= rivalFloor) decisions.push({option, posterior: posteriors[k]})
    })
  }
  return decisions
}

function bestPath(model: NgramModel, keeps: Option[], options: Option[][]): Option[] {
  const n = keeps.length
  const beams: State[][] = Array.from({length: n + 1}, () => [])
  beams[0] = [{w1: -1, w2: model.bos, score: 0}]
  for (let position = 0; position < n; position++) {
    const states = prune(beams[position])
    beams[position] = []
    for (const state of states) {
      for (const option of [keeps[position], ...options[position]]) {
        let {w1, w2} = state
        let score = state.score + option.prior + option.channel
        for (const id of option.ids) {
          score += model.logProb(w1, w2, id)
          w1 = w2
          w2 = id
        }
        beams[option.last + 1].push({w1, w2, score, option, previous: state})
      }
    }
  }
  const finals = beams[n].map((s) => ({state: s, score: s.score + model.logProb(s.w1, s.w2, model.eos)}))
  finals.sort((a, b) => b.score - a.score)
  return finals.length === 0 ? [] : pathOf(finals[0].state)
}

/** The options of the path that ends in `state`, first first. */
function pathOf(state: State): Option[] {
  const path: Option[] = []
  for (let s: State | undefined = state; s?.option; s = s.previous) path.push(s.option)
  return path.reverse()
}

/** Keep the best state per trigram context, then the best BEAM of those. */
function prune(states: State[]): State[] {
  const byContext = new Map<number, State>()
  for (const state of states) {
    const key = state.w1 * 131072 + state.w2
    const known = byContext.get(key)
    if (!known || known.score < state.score) byContext.set(key, state)
  }
  return [...byContext.values()].sort((a, b) => b.score - a.score).slice(0, BEAM)
}

/** Word ids the best path writes from token `from` on (the path is cut at option bounds). */
function idsFrom(path: Option[], from: number): number[] {
  const ids: number[] = []
  for (const option of path) if (option.first >= from) ids.push(...option.ids)
  return ids
}

/**
 * Posterior of each alternative for a span: every alternative is scored over the same tokens
 * (shorter ones padded with kept tokens), between the best path's left and right contexts. The
 * temperature softens the model's overconfident scores, not the prior: the substitution rate is
 * a probability the document gave, and softened, a text that looks clean lost half its say
 * (State of the Union prose of 1875-1953: 2.6 words changed per 1,000 instead of 0.6).
 */
function posteriorsOf(
  model: NgramModel,
  alternatives: Option[],
  keeps: Option[],
  best: Option[],
  idsAfter: (from: number) => number[],
  temperature: number
): number[] {
  const first = alternatives[0].first
  const last = Math.max(...alternatives.map((o) => o.last))
  const before: number[] = [model.bos]
  for (const option of best) if (option.last < first) before.push(...option.ids)
  const left = before.slice(-2)
  const right = [...idsAfter(last + 1).slice(0, RIGHT_CONTEXT)]
  if (right.length < RIGHT_CONTEXT) right.push(model.eos)
  const scores = alternatives.map((option) => {
    const padding = keeps.slice(option.last + 1, last + 1)
    const ids = [...option.ids, ...padding.flatMap((k) => k.ids)]
    const prior = option.prior + padding.reduce((sum, k) => sum + k.prior, 0)
    const channel = option.channel + padding.reduce((sum, k) => sum + k.channel, 0)
    return prior + (channel + windowScore(model, left, ids, right)) / temperature
  })
  const top = Math.max(...scores)
  const weights = scores.map((s) => Math.pow(10, s - top))
  const total = weights.reduce((a, b) => a + b, 0)
  return weights.map((w) => w / total)
}

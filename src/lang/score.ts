/** Scoring word sequences in context with the n-gram model. */
import type {NgramModel} from './lm.js'

/** How many words of right context a window takes in: the ones whose trigram sees the middle. */
export const RIGHT_CONTEXT = 2

/**
 * log10 P(middle, right | left) under the model: the joint probability of a window in which
 * `middle` is the part being decided. `left` holds the two words before it (sentence start
 * marked with the model's `bos`), `right` the words after it.
 */
export function windowScore(model: NgramModel, left: readonly number[], middle: readonly number[], right: readonly number[]): number {
  let w1 = left.length > 1 ? left[left.length - 2] : -1
  let w2 = left.length > 0 ? left[left.length - 1] : -1
  let score = 0
  // one plain loop, no closure nor slice: this runs for every candidate of every span
  const rightEnd = Math.min(right.length, RIGHT_CONTEXT)
  for (let i = 0; i < middle.length + rightEnd; i++) {
    const w3 = i < middle.length ? middle[i] : right[i - middle.length]
    score += model.logProb(w1, w2, w3)
    w1 = w2
    w2 = w3
  }
  return score
}

/** Word ids of lowercase words, splitting multi-word terms. */
export function idsOf(model: NgramModel, words: readonly string[]): number[] {
  return words.flatMap((word) => word.split(' ')).map((word) => model.id(word))
}

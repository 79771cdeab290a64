/**
 * Document-level scores, accumulated chunk by chunk without keeping the changes: `spun`, how
 * likely the input was spun, and `confidence`, how sure unspin is that the restored text is
 * what the author wrote.
 */
import type {Change} from './types.js'

/** Passes whose changes are evidence of a spinner (typos and casing alone are not). */
const SPIN_PASSES = new Set(['phrases', 'context'])

export class DocumentTally {
  words = 0
  /** Words in chunks whose casing looked corrupted. */
  miscasedWords = 0
  /** Expected number of words a spinner substituted: the confidences of substitution proposals. */
  substitutions = 0
  /** Applied changes' chances of being wrong plus reported ones' chances of being right. */
  expectedErrors = 0

  add(changes: readonly Change[], words: number, casingCorrupted: boolean): void {
    this.words += words
    if (casingCorrupted) this.miscasedWords += words
    for (const change of changes) {
      if (SPIN_PASSES.has(change.pass)) this.substitutions += change.confidence
      this.expectedErrors += change.applied ? 1 - change.confidence : change.confidence
    }
  }

  /** A logistic of the substitution rate and of the share of words in corrupted casing. */
  get spun(): number {
    if (this.words === 0) return 0
    return logistic(-4 + 120 * (this.substitutions / this.words) + 3 * (this.miscasedWords / this.words))
  }

  /** exp(-20 x expected errors per word): 1 for a clean text left alone. */
  get confidence(): number {
    if (this.words === 0) return 1
    return Math.exp((-20 * this.expectedErrors) / this.words)
  }
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x))
}

/**
 * The hunspell checker behind retext-spell (nspell with dictionary-en), built on first use,
 * with a bounded cache of suggestions so memory stays flat on long streams.
 */
import {readFileSync} from 'node:fs'
// @ts-expect-error: nspell ships no types.
import nspell from 'nspell'

interface Checker {
  correct(word: string): boolean
  suggest(word: string): string[]
}

export const SUGGESTION_CACHE_SIZE = 10_000

export class Speller {
  private checker: Checker | undefined
  private readonly cache = new Map<string, string[]>()

  correct(word: string): boolean {
    return this.load().correct(word)
  }

  suggest(word: string): string[] {
    const cached = this.cache.get(word)
    if (cached) return cached
    const suggestions = this.load().suggest(word)
    if (this.cache.size >= SUGGESTION_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string)
    this.cache.set(word, suggestions)
    return suggestions
  }

  private load(): Checker {
    if (!this.checker) {
      const entry = import.meta.resolve('dictionary-en')
      this.checker = nspell({aff: readFileSync(new URL('index.aff', entry)), dic: readFileSync(new URL('index.dic', entry))}) as Checker
    }
    return this.checker
  }
}

let shared: Speller | undefined

export function defaultSpeller(): Speller {
  shared ??= new Speller()
  return shared
}

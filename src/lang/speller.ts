/** The hunspell checker behind retext-spell (nspell with dictionary-en), built on first use. */
import {readFileSync} from 'node:fs'
// @ts-expect-error: nspell ships no types.
import nspell from 'nspell'

interface Checker {
  correct(word: string): boolean
}

export class Speller {
  private checker: Checker | undefined

  correct(word: string): boolean {
    return this.load().correct(word)
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

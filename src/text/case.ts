/** Casing patterns of written words, and carrying one text's pattern over to another. */

export type CasePattern = 'lower' | 'title' | 'upper' | 'mixed'

export function casePattern(word: string): CasePattern {
  const letters = word.replace(/[^\p{L}]/gu, '')
  if (letters === '' || letters === letters.toLowerCase()) return 'lower'
  if (letters.length > 1 && letters === letters.toUpperCase()) return 'upper'
  if (letters[0] === letters[0].toUpperCase() && letters.slice(1) === letters.slice(1).toLowerCase()) return 'title'
  return 'mixed'
}

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

/**
 * Write `to` the way `from` was written: in CAPS if it was in CAPS, Title Cased word by word
 * (hyphenated parts too) if every word of it was, with a capital first letter if it had one.
 * Words of `to` that carry capitals of their own (acronyms, names) keep them.
 */
export function matchCasing(from: string, to: string): string {
  const words = from.split(/[\s-]+/).filter((w) => /\p{L}/u.test(w))
  if (words.length === 0) return to
  if (words.some((w) => casePattern(w) === 'upper') && words.every((w) => w === w.toUpperCase())) return to.toUpperCase()
  const patterns = words.map(casePattern)
  if (words.length > 1 && patterns.every((p) => p === 'title')) return to.replace(/(^|[\s-])(\p{L})/gu, (_, gap, letter) => gap + letter.toUpperCase())
  return patterns[0] === 'title' || patterns[0] === 'upper' ? capitalize(to) : to
}

/** `written` with the letter case of `form`, the same word: "Trump’s", "trump's" -> "trump’s". */
export function recase(written: string, form: string): string {
  if (written.length !== form.length) return form
  let out = ''
  for (let i = 0; i < written.length; i++) {
    out += form[i] !== form[i].toLowerCase() ? written[i].toUpperCase() : written[i].toLowerCase()
  }
  return out
}

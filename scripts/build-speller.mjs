#!/usr/bin/env node
// Builds corpus/speller/en-us.words: every word form the hunspell en_US dictionary accepts
// (dictionary-en, expanded by nspell, the checker retext-spell uses), sorted, with the few rules
// nspell applies beyond looking a form up. src/lang/speller.ts answers from it exactly as
// nspell's correct() does, without building nspell's table of ~124,000 forms in every thread.
//
// Usage: node scripts/build-speller.mjs [--out corpus/speller/en-us.words]
// Deterministic: the forms are sorted in JS string order.
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import nspell from 'nspell'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const at = process.argv.indexOf('--out')
const out = path.resolve(root, at >= 0 ? process.argv[at + 1] : 'corpus/speller/en-us.words')

const entry = import.meta.resolve('dictionary-en')
const {version} = JSON.parse(fs.readFileSync(new URL('package.json', entry), 'utf8'))
const spell = nspell({aff: fs.readFileSync(new URL('index.aff', entry)), dic: fs.readFileSync(new URL('index.dic', entry))})

// The reader implements what nspell's correct() does with this dictionary; stop on anything else.
const {flags, data} = spell
if (flags.FORBIDDENWORD || flags.KEEPCASE) throw new Error('the dictionary uses FORBIDDENWORD or KEEPCASE, which the reader does not know')
if (spell.compoundRules.length > 0 && flags.COMPOUNDMIN !== 1) throw new Error(`the reader assumes COMPOUNDMIN 1, not ${flags.COMPOUNDMIN}`)
for (const [pattern, to] of spell.conversion.in) {
  if (pattern.flags !== 'g' || /\s/.test(pattern.source + to)) throw new Error(`ICONV ${pattern} ${to} does not fit an @iconv line`)
}

const forms = Object.keys(data)
const onlyInCompounds = forms.filter((form) => flags.ONLYINCOMPOUND && data[form].includes(flags.ONLYINCOMPOUND))
const words = forms.filter((form) => !onlyInCompounds.includes(form)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
// The reader compares a word with the list byte by byte: that is JS string order for ASCII only.
const odd = words.find((word) => !/^[\x21-\x7e]+$/.test(word))
if (odd !== undefined) throw new Error(`form ${JSON.stringify(odd)} is not printable ASCII without spaces`)
for (const text of [...onlyInCompounds, ...spell.compoundRules.map((rule) => rule.source)]) {
  if (/\s/.test(text)) throw new Error(`${JSON.stringify(text)} holds a space, which the format does not allow`)
}

const lines = [
  '#unspin-words 1',
  `# Every word form the hunspell en_US dictionary accepts (dictionary-en ${version}, MIT AND BSD, SCOWL;`,
  '# notices in LICENSE), as nspell expands its affixes. Built by scripts/build-speller.mjs.',
  '# @iconv FROM TO: replace FROM (a pattern) with TO before looking a word up.',
  '# @compound FLAGS PATTERN: a word that is no listed form is still a word if the pattern matches it.',
  '# @only-in-compounds FORMS: forms that are words only inside compounds (no pattern is tried for them).',
  '# @words: the forms, one a line, sorted by UTF-16 code unit, to the end of the file.',
  ...spell.conversion.in.map(([pattern, to]) => `@iconv ${pattern.source} ${to}`),
  ...spell.compoundRules.map((rule) => `@compound ${rule.flags} ${rule.source}`),
  `@only-in-compounds ${onlyInCompounds.join(' ')}`,
  '@words',
  ...words
]
fs.mkdirSync(path.dirname(out), {recursive: true})
fs.writeFileSync(out, lines.join('\n') + '\n')
console.log(`${path.relative(root, out)}: ${words.length} forms, ${onlyInCompounds.length} only in compounds, ${spell.compoundRules.length} compound rules`)

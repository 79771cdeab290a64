#!/usr/bin/env node
// Saves the key tables of the language model's vocabulary and of the casing model (src/lang/keys.ts)
// as corpus/keys/*.keys, so that a restorer starting up takes them as they are instead of filling
// them (about 60 ms of a cold start). Derived from corpus/lm and corpus/casing alone; a table
// whose data file has changed since is not used. `npm run build` runs it.
//
//   npm run build && node scripts/build-keys.mjs
import {mkdirSync, renameSync, writeFileSync} from 'node:fs'
import {dirname} from 'node:path'
import {CasingModel} from '../dist/lang/casing.js'
import {dataPath} from '../dist/lang/data.js'
import {NgramModel} from '../dist/lang/lm.js'

// loaded by path: the tables are filled, not taken from a saved one
const tables = {
  lmKeys: NgramModel.load(dataPath('lm')).savedKeys(),
  casingKeys: CasingModel.load(dataPath('casing')).savedKeys()
}
for (const [name, bytes] of Object.entries(tables)) {
  const output = dataPath(name)
  mkdirSync(dirname(output), {recursive: true})
  // written whole, then renamed: a restorer starting meanwhile reads the old table or the new one
  writeFileSync(`${output}.${process.pid}.tmp`, bytes)
  renameSync(`${output}.${process.pid}.tmp`, output)
  process.stderr.write(`wrote ${output}: ${bytes.length} bytes\n`)
}

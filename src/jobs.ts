/**
 * The jobs the command line runs, over an Engine that restores chunks: a text stream (stdin to
 * stdout), a JSON-lines stream, and files with their reports. Errors about one input are
 * InputErrors; the caller reports them and goes on.
 */
import {DocumentTally} from './confidence.js'
import {round} from './changes.js'
import {chunksOf} from './io/chunks.js'
import {InputError, readInput, type InputFile} from './io/input.js'
import {AtomicFile, outputConflict, outputPathsOf, writeAtomic} from './io/output.js'
import {countsOf, reportOf, type Report} from './report.js'
import {advance, START, type ChunkResult} from './restore.js'
import type {Change, Point} from './types.js'
import type {Write} from './io/stdout.js'

/** What restores chunks: the in-process Restorer, or a pool of workers running one each. */
export interface Engine {
  restoreChunk(text: string, start: Point): Promise<ChunkResult>
  /** Chunks it restores at once (a pool's workers); more are kept in flight to keep them busy. */
  readonly size?: number
}


/** How many chunks may be in flight at once, ahead of the one being written (twice a pool's size if more). */
export const CHUNKS_IN_FLIGHT = 8

const inFlightOf = (engine: Engine) => Math.max(CHUNKS_IN_FLIGHT, 2 * (engine.size ?? 1))

export interface StreamSummary {
  spun: number
  confidence: number
  words: number
  /** Characters read. */
  length: number
  changes: Change[]
}

/**
 * Restore text chunk by chunk (see src/io/chunks.ts), writing each restored chunk in input order
 * as soon as it is ready. Keeps the changes only when `keepChanges` (for a report), so memory
 * stays flat on endless streams.
 */
export async function restoreStream(chunks: AsyncIterable<string> | Iterable<string>, engine: Engine, write: Write, keepChanges: boolean): Promise<StreamSummary> {
  const tally = new DocumentTally()
  const changes: Change[] = []
  let start = START
  let length = 0
  // Each chunk's result is written by a chain of steps, in input order, as soon as it is ready,
  // while more input is read: output starts before the input ends. At most CHUNKS_IN_FLIGHT
  // steps wait at once. The first failure (a closed stdout) stops the chain and is thrown.
  let chain: Promise<void> = Promise.resolve()
  const steps: Promise<void>[] = []
  let failure: {error: unknown} | undefined
  for await (const chunk of chunks) {
    if (failure) throw failure.error
    length += chunk.length
    const result = engine.restoreChunk(chunk, start)
    result.catch(() => undefined) // rejections surface through the chain
    start = advance(start, chunk)
    chain = chain
      .then(async () => {
        if (failure) return
        const {text, changes: found, words, casingCorrupted} = await result
        tally.add(found, words, casingCorrupted)
        if (keepChanges) changes.push(...found)
        await write(text)
      })
      .catch((error: unknown) => void (failure ??= {error}))
    steps.push(chain)
    while (steps.length > inFlightOf(engine)) await steps.shift()
  }
  await chain
  if (failure) throw failure.error
  return {spun: round(tally.spun), confidence: round(tally.confidence), words: tally.words, length, changes}
}

/** Decode a byte stream as strict UTF-8, BOM kept; binary or invalid input throws an InputError. */
export async function* decodeUtf8(input: AsyncIterable<Buffer>, name: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})
  let bytes = 0
  for await (const buffer of input) {
    if (buffer.includes(0)) throw new InputError(name, `binary input (NUL byte at byte ${bytes + buffer.indexOf(0)}), not text`)
    try {
      yield decoder.decode(buffer, {stream: true})
    } catch {
      throw new InputError(name, `invalid UTF-8 near byte ${bytes}`)
    }
    bytes += buffer.length
  }
  try {
    yield decoder.decode()
  } catch {
    throw new InputError(name, 'invalid UTF-8: the input ends inside a character')
  }
}

/** Restore one whole document held in memory (a JSON field, a --check input). */
export async function restoreText(text: string, engine: Engine): Promise<{text: string; summary: StreamSummary}> {
  const output: string[] = []
  const summary = await restoreStream(chunksOf(text), engine, async (piece) => void output.push(piece), true)
  return {text: output.join(''), summary}
}

export interface FileOptions {
  outDir?: string
  force: boolean
  /** Resolved paths of every input of the run, so no output lands on one. */
  inputs: ReadonlySet<string>
  jsonl?: string
}

/**
 * Restore one file: NAME.unspun.EXT (and NAME.unspun.json) written atomically beside it or under
 * --out-dir. With `jsonl` the file holds JSON lines whose field of that name is restored, and
 * each line carries its own report instead.
 */
export async function restoreFile(file: InputFile, engine: Engine, options: FileOptions): Promise<Report> {
  const paths = outputPathsOf(file, options.outDir)
  const conflict = outputConflict(paths, options.inputs, options.force)
  if (conflict) throw new InputError(file.path, conflict)
  const {text, bytes} = readInput(file.path)
  const output = new AtomicFile(paths.text)
  try {
    const write = async (piece: string) => output.write(piece)
    const summary = options.jsonl ? await restoreJsonLines([text], file.path, engine, write, options.jsonl) : await restoreStream(chunksOf(text), engine, write, true)
    output.commit()
    const report = reportOf(summary, {path: file.path, bytes}, paths.text)
    if (!options.jsonl) writeAtomic(paths.report, JSON.stringify(report, null, 2) + '\n')
    return report
  } catch (error) {
    output.abandon()
    throw error
  }
}

/** The spin score of a file, restoring nothing. */
export async function checkFile(path: string, engine: Engine): Promise<number> {
  const {text} = readInput(path)
  return (await restoreText(text, engine)).summary.spun
}

/**
 * Restore the `field` of each JSON line, writing each line back with the restored text and an
 * `unspin` report ({spun, confidence, changes}). A line that is not a JSON object with that
 * string field is written back unchanged, reported on stderr and counted in `failures`.
 */
export async function restoreJsonLines(
  pieces: AsyncIterable<string> | Iterable<string>,
  name: string,
  engine: Engine,
  write: Write,
  field: string
): Promise<StreamSummary & {failures: number}> {
  const tally = new DocumentTally()
  let failures = 0
  let length = 0
  let lineNumber = 0
  // As in restoreStream: several lines are restored at once (in parallel on a pool), and each is
  // written back, or reported, in input order by a chain of steps.
  let chain: Promise<void> = Promise.resolve()
  const steps: Promise<void>[] = []
  let failure: {error: unknown} | undefined
  for await (const line of linesOf(pieces)) {
    if (failure) throw failure.error
    const number = ++lineNumber
    length += line.length
    const body = line.replace(/\r?\n$/, '')
    const result = restoreJsonLine(body, field, engine)
    result.catch(() => undefined) // reported by the chain
    chain = chain
      .then(async () => {
        if (failure) return
        let restored = body
        try {
          const done = await result
          if (done) {
            restored = done.line
            tally.add(done.summary.changes, done.summary.words, false)
          }
        } catch (error) {
          failures++
          process.stderr.write(`unspin: ${name}:${number}: ${(error as Error).message}\n`)
        }
        await write(restored + line.slice(body.length))
      })
      .catch((error: unknown) => void (failure ??= {error}))
    steps.push(chain)
    while (steps.length > inFlightOf(engine)) await steps.shift()
  }
  await chain
  if (failure) throw failure.error
  return {spun: round(tally.spun), confidence: round(tally.confidence), words: tally.words, length, changes: [], failures}
}

async function restoreJsonLine(line: string, field: string, engine: Engine): Promise<{line: string; summary: StreamSummary} | undefined> {
  if (line.trim() === '') return undefined
  let record: unknown
  try {
    record = JSON.parse(line.replace(/^\uFEFF/, ''))
  } catch {
    throw new Error('not a JSON line, written back unchanged')
  }
  const object = record as Record<string, unknown>
  if (typeof record !== 'object' || record === null || typeof object[field] !== 'string') {
    throw new Error(`no string field "${field}", written back unchanged`)
  }
  const {text, summary} = await restoreText(object[field] as string, engine)
  object[field] = text
  object.unspin = {spun: summary.spun, confidence: summary.confidence, counts: countsOf(summary.changes), changes: summary.changes}
  return {line: (line.startsWith('\uFEFF') ? '\uFEFF' : '') + JSON.stringify(object), summary}
}

/** Lines of a text given in pieces, each with its line end. */
async function* linesOf(pieces: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string> {
  let pending = ''
  for await (const piece of pieces) {
    pending += piece
    let newline: number
    while ((newline = pending.indexOf('\n')) >= 0) {
      yield pending.slice(0, newline + 1)
      pending = pending.slice(newline + 1)
    }
  }
  if (pending !== '') yield pending
}

/**
 * The command line: a thin shell over the library. Parses arguments with yargs, picks the job
 * (stdin stream, JSON lines, files, --check) and maps what happened to an exit code.
 */
import {availableParallelism} from 'node:os'
import {resolve} from 'node:path'
import pLimit from 'p-limit'
import type {Options} from 'yargs'
import {HelpShown, parseWith, positiveInteger, probability, UsageError, type Parser} from './args.js'
import {PipeClosed, stdoutWriter} from './io/stdout.js'
import {EXIT} from './exit.js'
import {findConfig, type Config} from './config.js'
import {dataReady} from './lang/data.js'
import {DictionaryError} from './lang/phrases.js'
import {chunksOfStream} from './io/chunks.js'
import {InputError, expandPaths, type InputFile} from './io/input.js'
import {checkFile, decodeUtf8, restoreFile, restoreJsonLines, restoreStream, restoreText, type Engine} from './jobs.js'
import {DEFAULT_MIN_CONFIDENCE, PASSES} from './pipeline.js'
import {AdaptiveEngine, WorkerError} from './pool.js'
import {reportOf} from './report.js'
import {Restorer} from './restore.js'

export {EXIT}

/** --check calls an input spun from this spin score on. */
export const SPUN_THRESHOLD = 0.5


interface Arguments {
  paths: string[]
  outDir?: string
  force: boolean
  concurrency: number
  json: boolean
  jsonl: boolean
  field: string
  minConfidence: number
  passes: string[]
  dict: string[]
  check: boolean
  quiet: boolean
  verbose: boolean
}

export async function main(argv: string[]): Promise<number> {
  // the data files, where the caller started reading them (bin/unspin.js), are in
  await dataReady()
  // their modules (learning, alignment) are loaded for them only
  if (argv[0] === 'learn') return (await import('./commands.js')).runLearn(argv.slice(1))
  if (argv[0] === 'align') return (await import('./commands.js')).runAlign(argv.slice(1))
  let args: Arguments
  try {
    args = await parse(argv)
  } catch (error) {
    if (error instanceof HelpShown) return EXIT.OK
    process.stderr.write(`unspin: ${(error as Error).message}\nTry 'unspin --help'.\n`)
    return EXIT.USAGE
  }
  let engine: Engine & {close?: () => Promise<void>}
  try {
    const options = {minConfidence: args.minConfidence, passes: args.passes, dictionaries: args.dict}
    if (args.concurrency > 1) engine = new AdaptiveEngine(options, {size: args.concurrency}) // worker threads, once there is work for them
    else {
      const restorer = new Restorer(options)
      engine = {restoreChunk: async (text, start) => restorer.restoreChunk(text, start)}
    }
  } catch (error) {
    if (!(error instanceof DictionaryError || error instanceof TypeError)) throw error
    process.stderr.write(`unspin: ${error.message}\n`)
    return EXIT.USAGE
  }
  try {
    const stdinOnly = args.paths.length === 0 || (args.paths.length === 1 && args.paths[0] === '-')
    return stdinOnly ? await runStdin(args, engine) : await runFiles(args, engine)
  } catch (error) {
    if (error instanceof PipeClosed) return EXIT.OK
    if (error instanceof InputError) {
      process.stderr.write(`unspin: ${error.message}\n`)
      return EXIT.FAILED
    }
    if (error instanceof WorkerError) {
      process.stderr.write(`unspin: stdin: ${error.message}\n`)
      return EXIT.FAILED
    }
    throw error
  } finally {
    await engine.close?.() // stop the workers, so that the process ends
  }
}


/** The options of the command line, for yargs and for the defaults of a run without arguments. */
const OPTIONS: Record<string, Options> = {
  'out-dir': {alias: 'o', type: 'string', describe: 'Write outputs under DIR, mirroring the input tree'},
  force: {alias: 'f', type: 'boolean', default: false, describe: 'Replace outputs that exist already'},
  concurrency: {alias: 'j', type: 'number', default: availableParallelism(), describe: 'Worker threads: files and chunks restored at once'},
  json: {type: 'boolean', default: false, describe: 'Print reports as JSON on stdout (stdin: the report with the restored text)'},
  jsonl: {type: 'boolean', default: false, describe: 'Input is JSON lines: restore the --field of each line and add an "unspin" report'},
  field: {type: 'string', default: 'text', describe: 'With --jsonl: the field holding the text'},
  'min-confidence': {type: 'number', default: DEFAULT_MIN_CONFIDENCE, describe: 'Apply changes at least this confident; report the rest'},
  passes: {type: 'string', default: PASSES.join(','), describe: `Passes to run, comma-separated (${PASSES.join(', ')})`},
  dict: {type: 'string', array: true, nargs: 1, default: [], describe: 'Extra phrase dictionary (TSV: spun, original, weight, source); repeatable'},
  check: {type: 'boolean', default: false, describe: 'Restore nothing: print each input\'s spin score, exit 1 if any looks spun'},
  config: {type: 'boolean', default: true, describe: 'Read defaults from .unspinrc.json or package.json "unspin" (--no-config: do not)'},
  quiet: {alias: 'q', type: 'boolean', default: false, describe: 'Print errors only'},
  verbose: {alias: 'v', type: 'boolean', default: false, describe: 'Also print every applied change on stderr'}
}

async function parse(argv: string[]): Promise<Arguments> {
  const config = argv.includes('--no-config') ? undefined : findConfig()
  const defaults = config ? configDefaults(config) : {}
  // `unspin < in > out`, the common case, starts faster without yargs: its parse of no arguments is the defaults
  const parsed = argv.length === 0 ? defaultArguments(defaults) : await parseWith(argv, (parser) => described(parser).config(defaults))
  for (const [a, b] of [['json', 'jsonl'], ['quiet', 'verbose'], ['check', 'jsonl']]) {
    if (parsed[a] && parsed[b]) throw new UsageError(`--${a} and --${b} cannot be used together`)
  }
  const minConfidence = probability(parsed.minConfidence, 'min-confidence')
  const concurrency = positiveInteger(parsed.concurrency, 'concurrency')
  return {
    paths: (parsed._ as (string | number)[]).map(String),
    outDir: parsed.outDir as string | undefined,
    force: parsed.force as boolean,
    concurrency,
    json: parsed.json as boolean,
    jsonl: parsed.jsonl as boolean,
    field: parsed.field as string,
    minConfidence,
    passes: (parsed.passes as string).split(',').map((pass) => pass.trim()).filter(Boolean),
    dict: [...(config?.dict ?? []), ...(parsed.dict as string[])],
    check: parsed.check as boolean,
    quiet: parsed.quiet as boolean,
    verbose: parsed.verbose as boolean
  }
}

async function runStdin(args: Arguments, engine: Engine): Promise<number> {
  const write = stdoutWriter()
  const input = decodeUtf8(process.stdin, 'stdin')
  if (args.jsonl) {
    const {failures} = await restoreJsonLines(input, 'stdin', engine, write, args.field)
    return failures > 0 ? EXIT.FAILED : EXIT.OK
  }
  if (args.check || args.json) {
    const pieces: string[] = []
    for await (const piece of input) pieces.push(piece)
    const text = pieces.join('')
    const {text: restored, summary} = await restoreText(text, engine)
    if (args.check) {
      await write(verdictLine(summary.spun, '-'))
      return summary.spun >= SPUN_THRESHOLD ? EXIT.FAILED : EXIT.OK
    }
    const report = reportOf(summary, {path: '-', bytes: Buffer.from(text)}, null)
    await write(JSON.stringify({...report, text: restored}) + '\n')
    return EXIT.OK
  }
  const summary = await restoreStream(chunksOfStream(input), engine, write, args.verbose)
  if (args.verbose) summary.changes.filter((c) => c.applied).forEach((change) => describeChange('-', change))
  return EXIT.OK
}

async function runFiles(args: Arguments, engine: Engine): Promise<number> {
  const {files, errors} = expandPaths(args.paths.filter((path) => path !== '-'))
  for (const error of errors) process.stderr.write(`unspin: ${error.message}\n`)
  const write = stdoutWriter()
  const inputs = new Set(files.map((file) => resolve(file.path)))
  const limit = pLimit(args.concurrency)
  const progress = new Progress(files.length, !args.quiet && process.stderr.isTTY === true)
  let failed = errors.length
  let spun = 0
  await Promise.all(
    files.map((file) =>
      limit(async () => {
        try {
          if (args.check) {
            const score = await checkFile(file.path, engine)
            if (score >= SPUN_THRESHOLD) spun++
            await write(verdictLine(score, file.path))
          } else {
            const report = await restoreFile(file, engine, {outDir: args.outDir, force: args.force, inputs, jsonl: args.jsonl ? args.field : undefined})
            if (args.json) await write(JSON.stringify(report) + '\n')
            if (!args.quiet) summarise(file, report, args.verbose)
          }
        } catch (error) {
          if (error instanceof PipeClosed) throw error
          failed++
          const message = error instanceof InputError ? error.message : `${file.path}: ${(error as Error).message}`
          progress.clear()
          process.stderr.write(`unspin: ${message}\n`)
        } finally {
          progress.tick(file.path)
        }
      })
    )
  )
  progress.clear()
  return failed > 0 || spun > 0 ? EXIT.FAILED : EXIT.OK
}

/** The command line's usage, options and examples, for yargs. */
function described(parser: Parser): Parser {
  parser
    .scriptName('unspin')
    .usage('$0 [PATHS...]\n\nRestore spun or corrupted English text. With no PATHS (or -), read stdin and write the restored text to stdout; with PATHS (files, folders, globs), write NAME.unspun.txt and NAME.unspun.json beside each input.\n\nMore commands:\n  unspin learn PATHS... --out pairs.tsv    mine substitutions from spun texts\n  unspin align ORIGINAL SPUN --out pairs.tsv    extract the substitutions between a text and its spun copy\n  (each with --help)')
  for (const [name, option] of Object.entries(OPTIONS)) parser.option(name, option)
  return parser
    .example('$0 < spun.txt > restored.txt', 'Restore a stream')
    .example('$0 articles/ --out-dir restored/', 'Restore a folder into another, with reports')
    .example('$0 --jsonl --field body < docs.jsonl > clean.jsonl', 'Restore a field of JSON lines')
    .example('$0 --check inbox/*.txt', 'Screen files for spinning')
    .epilogue('Exit codes: 0 done; 1 some inputs failed or --check found spin; 2 usage error.')
}

/** What yargs parses from no arguments: each option's default (or the configuration's) under its camel-case name. */
function defaultArguments(config: Record<string, unknown>): Record<string, unknown> {
  const parsed: Record<string, unknown> = {_: []}
  for (const [name, option] of Object.entries(OPTIONS)) {
    parsed[name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())] = name in config ? config[name] : option.default
  }
  return parsed
}

/** Configuration settings as yargs defaults (the command line wins); dictionaries are merged apart. */
function configDefaults(config: Config): Record<string, unknown> {
  const {minConfidence, passes, concurrency, outDir, force, field} = config
  const defaults: Record<string, unknown> = {'min-confidence': minConfidence, passes: passes?.join(','), concurrency, 'out-dir': outDir, force, field}
  return Object.fromEntries(Object.entries(defaults).filter(([, value]) => value !== undefined))
}

function verdictLine(score: number, path: string): string {
  return `${score.toFixed(3)}\t${score >= SPUN_THRESHOLD ? 'spun' : 'clean'}\t${path}\n`
}

function summarise(file: InputFile, report: ReturnType<typeof reportOf>, verbose: boolean): void {
  const applied = report.changes.filter((c) => c.applied)
  process.stderr.write(
    `${file.path} -> ${report.output?.path}: ${applied.length} ${applied.length === 1 ? 'change' : 'changes'} applied, ${report.changes.length - applied.length} reported; spun ${report.spun.toFixed(2)}, confidence ${report.confidence.toFixed(2)}\n`
  )
  if (verbose) applied.forEach((change) => describeChange(file.path, change))
}

function describeChange(path: string, change: {start: {line: number; column: number}; from: string; to: string; pass: string; confidence: number}): void {
  process.stderr.write(`  ${path}:${change.start.line}:${change.start.column} ${change.pass}: "${change.from}" -> "${change.to}" (${change.confidence.toFixed(2)})\n`)
}

/** A one-line progress bar on stderr, shown only when stderr is a terminal. */
class Progress {
  private done = 0
  constructor(private readonly total: number, private readonly shown: boolean) {}

  tick(path: string): void {
    this.done++
    if (!this.shown) return
    const width = 30
    const filled = Math.round((width * this.done) / this.total)
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} ${path.slice(-40)}\x1b[K`)
  }

  clear(): void {
    if (this.shown) process.stderr.write('\r\x1b[K')
  }
}

/**
 * The `align` and `learn` subcommands: argument parsing (yargs) and running. Each takes the
 * arguments after its name and returns the exit code: 0 done, 1 some input failed (each named
 * on stderr), 2 usage error.
 *
 *   unspin align ORIGINAL SPUN [--out pairs.tsv]
 *   unspin learn PATHS... [--out pairs.tsv] [--min-support 2] [--min-confidence 0.5]
 */
import {resolve} from 'node:path'
import {alignRows, alignTexts, dictionaryHeader, DEFAULT_MAX_WORDS} from './align.js'
import {expandPaths, InputError, readInput} from './io/input.js'
import {writeAtomic} from './io/output.js'
import {DEFAULT_MIN_CONFIDENCE, DEFAULT_MIN_SUPPORT, learnedDictionary, Learner, selectPairs} from './learn.js'
import {EXIT} from './exit.js'
import {HelpShown, parseWith, positiveInteger, probability, UsageError} from './args.js'
import {PipeClosed, stdoutWriter} from './io/stdout.js'

async function run(command: string, argv: string[], body: (argv: string[]) => Promise<number>): Promise<number> {
  try {
    return await body(argv)
  } catch (error) {
    if (error instanceof HelpShown || error instanceof PipeClosed) return EXIT.OK
    if (error instanceof UsageError) {
      process.stderr.write(`unspin ${command}: ${error.message}\nTry 'unspin ${command} --help'.\n`)
      return EXIT.USAGE
    }
    if (error instanceof InputError) {
      process.stderr.write(`unspin: ${error.message}\n`)
      return EXIT.FAILED
    }
    throw error
  }
}

/** Write `text` to `out` (atomically) or to stdout. */
async function emit(text: string, out: string | undefined): Promise<void> {
  if (out !== undefined) {
    try {
      writeAtomic(out, text)
    } catch (error) {
      throw new InputError(out, `cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
    }
    return
  }
  await stdoutWriter()(text)
}

function outPath(parsed: Record<string, unknown>, inputs: readonly string[]): string | undefined {
  const out = parsed.out as string | undefined
  if (out === undefined) return undefined
  if (out === '' || out === '-') return undefined
  if (inputs.some((input) => resolve(input) === resolve(out))) throw new UsageError(`--out ${out} is one of the inputs`)
  return out
}


// ---------------------------------------------------------------- align

export async function runAlign(argv: string[]): Promise<number> {
  return run('align', argv, async () => {
    const parsed = await parseWith(argv, (parser) =>
      parser
        .scriptName('unspin align')
        .usage(
          '$0 ORIGINAL SPUN [--out pairs.tsv]\n\nExtract the substitutions between a text and its spun copy: the words are aligned, and every run of changed words between two unchanged ones becomes a pair "spun phrase -> original phrase", counted. Writes phrase-dictionary rows (spun, original, weight, source) that --dict loads, most frequent first.'
        )
        .option('out', {alias: 'o', type: 'string', describe: 'Write the rows to FILE (default: stdout)'})
        .option('min-count', {type: 'number', default: 1, describe: 'Keep pairs seen at least this many times'})
        .option('max-words', {type: 'number', default: DEFAULT_MAX_WORDS, describe: 'Leave out runs longer than this on either side (misalignments)'})
        .option('quiet', {alias: 'q', type: 'boolean', default: false, describe: 'Print errors only'})
        .example('$0 original.txt spun.txt --out pairs.tsv', 'Pairs of one spun copy')
        .example('unspin --dict pairs.tsv other-spun.txt', 'Use them on other texts')
        .epilogue('Weights: count / (count + 1), at most 0.95. Exit codes: 0 done; 1 an input could not be read; 2 usage error.')
    )
    const paths = (parsed._ as (string | number)[]).map(String)
    if (paths.length !== 2) throw new UsageError(`expected ORIGINAL and SPUN, got ${paths.length} ${paths.length === 1 ? 'path' : 'paths'}`)
    const [originalPath, spunPath] = paths
    const minCount = positiveInteger(parsed.minCount, 'min-count')
    const maxWords = positiveInteger(parsed.maxWords, 'max-words')
    const out = outPath(parsed, paths)
    const original = readInput(originalPath).text
    const spun = readInput(spunPath).text
    const {pairs, stats} = alignTexts(original, spun, {maxWords})
    const rows = alignRows(pairs, spunPath, minCount)
    const header = dictionaryHeader([
      `unspin align: ${rows.length} pairs from ${spunPath} against ${originalPath}`,
      'columns: spun, original, weight, source'
    ])
    await emit(header + rows.map((row) => row + '\n').join(''), out)
    if (!parsed.quiet) {
      const skipped = Object.values(stats.skipped).reduce((sum, n) => sum + n, 0)
      process.stderr.write(
        `unspin align: ${stats.matched}/${stats.originalWords} words matched, ${stats.pairs} substitutions, ${rows.length} pairs` +
          `${skipped > 0 ? `, ${skipped} runs left out` : ''}${out ? ` -> ${out}` : ''}\n`
      )
    }
    return EXIT.OK
  })
}

// ---------------------------------------------------------------- learn

export async function runLearn(argv: string[]): Promise<number> {
  return run('learn', argv, async () => {
    const parsed = await parseWith(argv, (parser) =>
      parser
        .scriptName('unspin learn')
        .usage(
          '$0 PATHS... [--out pairs.tsv] [--min-support N] [--min-confidence C]\n\nLearn a spinner\'s substitutions from its output alone: restore every document (files, folders, globs; each line of a .jsonl file), collect the substitutions the context pass proposes, weigh every recurring unlikely word against its thesaurus neighbours over all its contexts at once, and keep the pairs seen in many documents with enough confidence. Writes phrase-dictionary rows (spun, original, weight, source) that --dict loads, best first.'
        )
        .option('out', {alias: 'o', type: 'string', describe: 'Write the rows to FILE (default: stdout)'})
        .option('min-support', {type: 'number', default: DEFAULT_MIN_SUPPORT, describe: 'Keep pairs with evidence in at least N documents'})
        .option('min-confidence', {
          type: 'number',
          default: DEFAULT_MIN_CONFIDENCE,
          describe: 'Keep pairs at least this confident (the proposals\' mean confidence and the corpus-wide posterior, less where the phrase mostly stands unchanged)'
        })
        .option('field', {type: 'string', default: 'text', describe: 'In .jsonl files: the field holding each document'})
        .option('quiet', {alias: 'q', type: 'boolean', default: false, describe: 'Print errors only'})
        .option('verbose', {alias: 'v', type: 'boolean', default: false, describe: 'Print each document on stderr as it is read'})
        .example('$0 spun-articles/ --out pairs.tsv', 'Mine a folder of spun texts')
        .example('unspin --dict pairs.tsv spun-articles/ --out-dir restored/', 'Restore them with what was learned')
        .epilogue('The weight of a row is its confidence. Exit codes: 0 done; 1 some inputs failed (each named on stderr, the others still used); 2 usage error.')
    )
    const paths = (parsed._ as (string | number)[]).map(String)
    if (paths.length === 0) throw new UsageError('expected PATHS (files, folders or globs of spun texts)')
    const minSupport = positiveInteger(parsed.minSupport, 'min-support')
    const minConfidence = probability(parsed.minConfidence, 'min-confidence')
    const field = parsed.field as string
    const {files, errors} = expandPaths(paths)
    const out = outPath(parsed, files.map((file) => file.path))
    let failed = 0
    const fail = (message: string) => {
      failed++
      process.stderr.write(`unspin: ${message}\n`)
    }
    errors.forEach((error) => fail(error.message))
    const learner = new Learner()
    const used: string[] = []
    for (const file of files) {
      let text: string
      try {
        text = readInput(file.path).text
      } catch (error) {
        if (!(error instanceof InputError)) throw error
        fail(error.message)
        continue
      }
      const documents = /\.jsonl$/i.test(file.path) ? jsonLines(text, file.path, field, fail) : [text]
      for (const document of documents) learner.add(document)
      if (documents.length > 0) used.push(file.path)
      if (parsed.verbose) process.stderr.write(`${file.path}: ${documents.length} ${documents.length === 1 ? 'document' : 'documents'}\n`)
    }
    if (learner.documents === 0) {
      if (failed === 0) fail(`${paths.join(' ')}: no documents to learn from`)
      return EXIT.FAILED
    }
    const candidates = learner.candidates()
    const pairs = selectPairs(candidates, {minSupport, minConfidence})
    await emit(learnedDictionary(pairs, {documents: learner.documents, paths: used, minSupport, minConfidence}), out)
    if (!parsed.quiet) {
      process.stderr.write(
        `unspin learn: ${learner.documents} documents, ${learner.words} words, ${learner.proposals} substitutions proposed, ` +
          `${candidates.length} candidate pairs, ${pairs.length} kept${out ? ` -> ${out}` : ''}\n`
      )
    }
    return failed > 0 ? EXIT.FAILED : EXIT.OK
  })
}

/** The documents of a JSON-lines file; a line that is no object with a string `field` is reported as PATH:LINE. */
function jsonLines(text: string, path: string, field: string, fail: (message: string) => void): string[] {
  const documents: string[] = []
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      value = undefined
    }
    const document = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[field] : undefined
    if (typeof document === 'string' && document.trim() !== '') documents.push(document)
    else fail(`${path}:${index + 1}: not a JSON object with a string "${field}" field`)
  })
  return documents
}

/**
 * Argument parsing shared by the commands: yargs set up the same way, errors as exceptions.
 * yargs is loaded on first use: it takes a fifth of `unspin`'s startup, and a run without
 * arguments does without it (src/cli.ts).
 */
import type {Argv} from 'yargs'
import {VERSION} from './report.js'

/** Bad arguments: the command prints the message and exits with EXIT.USAGE. */
export class UsageError extends Error {}
/** --help or --version was printed: nothing more to do. */
export class HelpShown extends Error {}

export type Parser = Argv

/**
 * Parse `argv` with the options `build` declares: unknown options are errors, help is
 * printed on --help, and nothing exits the process.
 */
export async function parseWith(argv: string[], build: (parser: Parser) => Parser): Promise<Record<string, unknown>> {
  const {default: yargs} = await import('yargs')
  const parser = build(yargs(argv))
    .version(VERSION)
    .help()
    .alias('help', 'h')
    .strictOptions()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .showHelpOnFail(false)
    .fail((message, error) => {
      throw new UsageError(message ?? error?.message ?? 'invalid arguments')
    })
  const parsed = parser.parseSync() as Record<string, unknown>
  if (parsed.help || parsed.version || ['--help', '-h', '--version'].some((flag) => argv.includes(flag))) throw new HelpShown()
  return parsed
}

/** A whole number from 1, or a UsageError naming the option. */
export function positiveInteger(value: unknown, name: string): number {
  const number = value as number
  if (!(Number.isInteger(number) && number >= 1)) throw new UsageError(`--${name} must be a whole number from 1, got ${value}`)
  return number
}

/** A number in 0..1, or a UsageError naming the option. */
export function probability(value: unknown, name: string): number {
  const number = value as number
  if (!(number >= 0 && number <= 1)) throw new UsageError(`--${name} must be in 0..1, got ${value}`)
  return number
}

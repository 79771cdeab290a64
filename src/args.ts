/** Argument parsing shared by the commands: yargs set up the same way, errors as exceptions. */
import yargs from 'yargs'
import {VERSION} from './report.js'

/** Bad arguments: the command prints the message and exits with EXIT.USAGE. */
export class UsageError extends Error {}
/** --help or --version was printed: nothing more to do. */
export class HelpShown extends Error {}

export type Parser = ReturnType<typeof yargs>

/**
 * Parse `argv` with the options `build` declares: unknown options are errors, help is
 * printed on --help, and nothing exits the process.
 */
export function parseWith(argv: string[], build: (parser: Parser) => Parser): Record<string, unknown> {
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

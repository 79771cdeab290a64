/** The JSON report unspin writes for each input (schema/report.schema.json). */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import type {Change, RestoreResult} from './types.js'

export interface PassCount {
  applied: number
  reported: number
}

export interface Report {
  tool: {name: 'unspin'; version: string}
  input: {path: string; bytes: number; sha256: string}
  output: {path: string} | null
  spun: number
  confidence: number
  words: number
  counts: Record<string, PassCount>
  changes: Change[]
}

export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version

/** Counts per pass: changes applied, and changes reported only. */
export function countsOf(changes: readonly Change[]): Record<string, PassCount> {
  const counts: Record<string, PassCount> = {}
  for (const change of changes) {
    counts[change.pass] ??= {applied: 0, reported: 0}
    counts[change.pass][change.applied ? 'applied' : 'reported']++
  }
  return counts
}

export function reportOf(
  result: Omit<RestoreResult, 'text'> & {words: number},
  input: {path: string; bytes: Uint8Array},
  outputPath: string | null
): Report {
  return {
    tool: {name: 'unspin', version: VERSION},
    input: {path: input.path, bytes: input.bytes.length, sha256: createHash('sha256').update(input.bytes).digest('hex')},
    output: outputPath === null ? null : {path: outputPath},
    spun: result.spun,
    confidence: result.confidence,
    words: result.words,
    counts: countsOf(result.changes),
    changes: result.changes
  }
}

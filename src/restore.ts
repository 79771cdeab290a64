/**
 * The library's entry points: a Restorer holds one processor (dictionaries and models loaded
 * once) and restores texts chunk by chunk, keeping every change in input coordinates.
 */
import type {Processor} from 'unified'
import type {Root} from 'nlcst'
import {VFile} from 'vfile'
import {round, SOURCE_PREFIX, type ChangeMessage} from './changes.js'
import {DocumentTally} from './confidence.js'
import {chunksOf} from './io/chunks.js'
import {createProcessor, settingsOf, type Settings} from './pipeline.js'
import {documentStats} from './text/document.js'
import type {Change, Point, RestoreOptions, RestoreResult} from './types.js'

export interface ChunkResult {
  text: string
  changes: Change[]
  words: number
  casingCorrupted: boolean
}

export const START: Point = {line: 1, column: 1, offset: 0}

export class Restorer {
  readonly settings: Settings
  private readonly processor: Processor<Root, Root, Root, Root, string>

  constructor(options: RestoreOptions = {}) {
    this.settings = settingsOf(options)
    this.processor = createProcessor(this.settings)
  }

  /** Restore a whole text. */
  restore(text: string): RestoreResult {
    const tally = new DocumentTally()
    const output: string[] = []
    const changes: Change[] = []
    let start = START
    for (const chunk of chunksOf(text)) {
      const result = this.restoreChunk(chunk, start)
      output.push(result.text)
      changes.push(...result.changes)
      tally.add(result.changes, result.words, result.casingCorrupted)
      start = advance(start, chunk)
    }
    return {text: output.join(''), spun: round(tally.spun), confidence: round(tally.confidence), changes}
  }

  /** Restore one chunk of a longer input whose first character stands at `start`. */
  restoreChunk(text: string, start: Point = START): ChunkResult {
    const file = new VFile({value: text})
    const tree = this.processor.parse(file)
    const stats = documentStats(file, tree)
    const restored = this.processor.stringify(this.processor.runSync(tree, file), file)
    const changes = file.messages
      .filter((message) => message.source?.startsWith(SOURCE_PREFIX))
      .map((message) => changeOf(message as ChangeMessage, start))
    return {text: restored, changes, words: stats.words, casingCorrupted: stats.casingCorrupted}
  }
}

/** Restore `text` with a processor built for `options`. */
export function restore(text: string, options: RestoreOptions = {}): RestoreResult {
  return new Restorer(options).restore(text)
}

function changeOf(message: ChangeMessage, start: Point): Change {
  const place = message.place && 'start' in message.place ? message.place : undefined
  const at = (point: {line: number; column: number; offset?: number} | undefined): Point =>
    shift(start, point ? {line: point.line, column: point.column, offset: point.offset ?? 0} : START)
  return {
    pass: (message.source ?? '').slice(SOURCE_PREFIX.length),
    rule: message.ruleId ?? '',
    from: message.actual ?? '',
    to: message.expected?.[0] ?? '',
    start: at(place?.start),
    end: at(place?.end),
    confidence: message.confidence,
    applied: message.applied,
    source: message.origin
  }
}

/** A chunk-relative point moved to input coordinates. */
function shift(start: Point, point: Point): Point {
  return {
    line: start.line + point.line - 1,
    column: point.line === 1 ? start.column + point.column - 1 : point.column,
    offset: start.offset + point.offset
  }
}

/** The point just after `text`, which begins at `start`. */
export function advance(start: Point, text: string): Point {
  const breaks = text.split('\n').length - 1
  if (breaks === 0) return {line: start.line, column: start.column + text.length, offset: start.offset + text.length}
  return {line: start.line + breaks, column: text.length - text.lastIndexOf('\n'), offset: start.offset + text.length}
}

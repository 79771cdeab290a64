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
import {documentStats, type DocumentStats} from './text/document.js'
import {wordsOf} from './text/sentence.js'
import {EditLog, type RunChange} from './rounds.js'
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
  /** One processor per pass, in pipeline order: each pass runs on the text the one before wrote. */
  private readonly stages: Processor<Root, Root, Root, Root, string>[]

  constructor(options: RestoreOptions = {}) {
    this.settings = settingsOf(options)
    this.stages = this.settings.passes.map((pass) => createProcessor(this.settings, [pass]))
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

  /**
   * Restore one chunk of a longer input whose first character stands at `start`. The passes run
   * again on their own output until it no longer changes (at most MAX_ROUNDS), so that restoring
   * a restored text changes nothing.
   */
  restoreChunk(text: string, start: Point = START): ChunkResult {
    const log = new EditLog(text)
    let current = text
    let first: DocumentStats | undefined
    // The tree of `current` while no pass has changed it since it was parsed.
    let parsed: Parsed | undefined
    let substituted = 0
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const before = current
      for (const stage of this.stages) {
        const run = runOnce(stage, current, parsed, substituted)
        first ??= run.stats
        substituted += knownSubstitutions(current, run.changes)
        log.add(current, run.changes)
        current = run.output
        parsed = run.unchanged
      }
      if (current === before) break
    }
    const lines = lineStarts(text)
    const changes = log.changes().map((edit) => ({
      pass: edit.pass,
      rule: edit.rule,
      from: edit.from,
      to: edit.to,
      start: shift(start, pointAt(lines, edit.start)),
      end: shift(start, pointAt(lines, edit.end)),
      confidence: round(edit.confidence),
      applied: edit.applied,
      source: edit.source
    }))
    return {text: current, changes, words: first!.words, casingCorrupted: first!.casingCorrupted}
  }

}

/** Rounds of the passes per chunk at most; a text that still changes after them is left so. */
export const MAX_ROUNDS = 3

/** A parsed text with its document statistics. */
interface Parsed {
  tree: Root
  stats: DocumentStats
}

interface Run {
  output: string
  /** Changes in offsets of the run's input. */
  changes: RunChange[]
  stats: DocumentStats
  /** The tree, when the run applied no change: the next pass can take it without parsing again. */
  unchanged?: Parsed
}

/**
 * Spun words that a run's applied changes from known substitutions (the phrase pass's
 * dictionaries) restored, as an expected count: they tell the context pass how spun a text is.
 */
function knownSubstitutions(text: string, changes: readonly RunChange[]): number {
  return changes
    .filter((change) => change.applied && change.pass === 'phrases')
    .reduce((sum, change) => sum + change.confidence * wordsOf(text.slice(change.start, change.end)).length, 0)
}

/**
 * One run of one processor on `text`, or on its tree when an earlier run left it `parsed`;
 * `substituted` words were restored by earlier runs from known substitutions.
 */
function runOnce(processor: Processor<Root, Root, Root, Root, string>, text: string, parsed: Parsed | undefined, substituted: number): Run {
  const file = new VFile({value: text})
  file.data.substitutedWords = substituted
  if (parsed) file.data.stats = parsed.stats
  const parsedTree = parsed?.tree ?? processor.parse(file)
  const stats = documentStats(file, parsedTree)
  const tree = processor.runSync(parsedTree, file)
  const changes = file.messages
    .filter((message) => message.source?.startsWith(SOURCE_PREFIX))
    .map((message) => runChangeOf(message as ChangeMessage))
  if (changes.some((change) => change.applied)) return {output: processor.stringify(tree, file), changes, stats}
  return {output: text, changes, stats, unchanged: {tree, stats}}
}

/** Restore `text` with a processor built for `options`. */
export function restore(text: string, options: RestoreOptions = {}): RestoreResult {
  return new Restorer(options).restore(text)
}

function runChangeOf(message: ChangeMessage): RunChange {
  const place = message.place && 'start' in message.place ? message.place : undefined
  return {
    pass: (message.source ?? '').slice(SOURCE_PREFIX.length),
    rule: message.ruleId ?? '',
    to: message.expected?.[0] ?? '',
    start: place?.start.offset ?? 0,
    end: place?.end.offset ?? 0,
    confidence: message.confidence,
    applied: message.applied,
    source: message.origin
  }
}

/** Offsets at which each line of `text` starts. */
function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** The 1-based line and column of an offset, given the line starts. */
function pointAt(lines: number[], offset: number): Point {
  let low = 0
  let high = lines.length - 1
  while (low < high) {
    const middle = (low + high + 1) >>> 1
    if (lines[middle] <= offset) low = middle
    else high = middle - 1
  }
  return {line: low + 1, column: offset - lines[low] + 1, offset}
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

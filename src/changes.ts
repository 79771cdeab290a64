/**
 * How passes record what they propose: each proposal becomes a vfile message
 * (`source` unspin:<pass>, `ruleId`, `actual`, `expected`, `place`, plus `confidence`,
 * `applied` and `origin`), and the confident ones are applied to the sentence.
 */
import type {Sentence} from 'nlcst'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {replaceSpan, spanPosition, spanText, type Token} from './text/sentence.js'

export interface Proposal {
  /** First and last token of the replaced run (inclusive). */
  first: number
  last: number
  to: string
  rule: string
  /** Where the rule or entry comes from. */
  origin: string
  /** The kind of evidence, where the pass's calibration tells kinds apart (`context/<kind>`). */
  kind?: string
  confidence: number
}

export interface ChangeMessage extends VFileMessage {
  confidence: number
  applied: boolean
  origin: string
}

/** How proposals become changes: their scores are calibrated per pass (or kind), then applied from a threshold. */
export interface Policy {
  minConfidence: number
  calibration: Calibration
}

/**
 * Platt scaling per pass, or per `<pass>/<kind>` where a pass's kinds of evidence are fitted apart:
 * P(right) = 1 / (1 + exp(-(a * logit(score) + b))); absent: the score as is.
 */
export type Calibration = Partial<Record<string, {a: number; b: number}>>

export function calibrate(scaling: {a: number; b: number} | undefined, score: number): number {
  return scaling ? 1 / (1 + Math.exp(-(scaling.a * logit(score) + scaling.b))) : score
}

/** log(p / (1 - p)), with p kept within 0.0025..0.9975 so that no score is beyond evidence. */
export function logit(p: number): number {
  const q = Math.min(0.9975, Math.max(0.0025, p))
  return Math.log(q / (1 - q))
}

export const SOURCE_PREFIX = 'unspin:'

/**
 * Record `proposals` for one sentence as messages on `file`, then apply those at or above
 * the policy's `minConfidence`, after calibration. Overlapping proposals keep the more confident one.
 */
export function commit(
  file: VFile,
  sentence: Sentence,
  tokens: Token[],
  pass: string,
  proposals: Proposal[],
  policy: Policy
): void {
  const kept = withoutOverlaps(proposals)
  const messages = kept.map((proposal) => record(file, sentence, tokens, pass, proposal, policy))
  // Right to left, so earlier token indices stay valid.
  for (let k = kept.length - 1; k >= 0; k--) {
    const {first, last, to} = kept[k]
    if (messages[k].applied) replaceSpan(sentence, tokens, first, last, to)
  }
}

/** One proposal as a message; `actual` is the text of the span as the pass found it. */
function record(file: VFile, sentence: Sentence, tokens: Token[], pass: string, proposal: Proposal, policy: Policy): ChangeMessage {
  const scaling = (proposal.kind && policy.calibration[`${pass}/${proposal.kind}`]) || policy.calibration[pass]
  const confidence = calibrate(scaling, proposal.confidence)
  const from = spanText(sentence, tokens, proposal.first, proposal.last)
  const message = withoutStackTrace(() =>
    file.message(`Unexpected \`${from}\`, expected \`${proposal.to}\``, {
      place: spanPosition(tokens, proposal.first, proposal.last),
      ruleId: proposal.rule,
      source: SOURCE_PREFIX + pass
    })
  ) as ChangeMessage
  message.actual = from
  message.expected = [proposal.to]
  message.confidence = round(confidence)
  message.applied = confidence >= policy.minConfidence
  message.origin = proposal.origin
  return message
}

/**
 * What `make` returns, made without capturing stack traces: vfile messages are errors, but vfile
 * sets their stack to '' (capturing one cost more than the rest of the message).
 */
function withoutStackTrace<T>(make: () => T): T {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return make()
  } finally {
    Error.stackTraceLimit = limit
  }
}

function withoutOverlaps(proposals: Proposal[]): Proposal[] {
  const byConfidence = [...proposals].sort((a, b) => b.confidence - a.confidence)
  const kept: Proposal[] = []
  for (const proposal of byConfidence) {
    if (kept.every((other) => proposal.last < other.first || proposal.first > other.last)) kept.push(proposal)
  }
  return kept.sort((a, b) => a.first - b.first)
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

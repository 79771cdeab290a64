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
  confidence: number
}

export interface ChangeMessage extends VFileMessage {
  confidence: number
  applied: boolean
  origin: string
}

export const SOURCE_PREFIX = 'unspin:'

/**
 * Record `proposals` for one sentence as messages on `file`, then apply those at or above
 * `minConfidence`. Overlapping proposals keep the more confident one.
 */
export function commit(
  file: VFile,
  sentence: Sentence,
  tokens: Token[],
  pass: string,
  proposals: Proposal[],
  minConfidence: number
): void {
  const kept = withoutOverlaps(proposals)
  for (const proposal of kept) {
    const from = spanText(sentence, tokens, proposal.first, proposal.last)
    const message = file.message(`Unexpected \`${from}\`, expected \`${proposal.to}\``, {
      place: spanPosition(tokens, proposal.first, proposal.last),
      ruleId: proposal.rule,
      source: SOURCE_PREFIX + pass
    }) as ChangeMessage
    message.actual = from
    message.expected = [proposal.to]
    message.confidence = round(proposal.confidence)
    message.applied = proposal.confidence >= minConfidence
    message.origin = proposal.origin
  }
  // Right to left, so earlier token indices stay valid.
  for (const proposal of [...kept].reverse()) {
    if (proposal.confidence >= minConfidence) replaceSpan(sentence, tokens, proposal.first, proposal.last, proposal.to)
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

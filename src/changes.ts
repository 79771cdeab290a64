/**
 * How passes record what they propose: each proposal becomes a vfile message
 * (`source` unspin:<pass>, `ruleId`, `actual`, `expected`, `place`, plus `confidence`,
 * `applied` and `origin`), and the confident ones are applied to the sentence.
 */
import type {Sentence} from 'nlcst'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {childrenText, replaceSpan, spanPosition, type Token} from './text/sentence.js'

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

/** How proposals become changes: their scores are calibrated per pass, then applied from a threshold. */
export interface Policy {
  minConfidence: number
  calibration: Calibration
}

/** Platt scaling per pass: P(right) = 1 / (1 + exp(-(a * logit(score) + b))); absent: the score as is. */
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

declare module 'nlcst' {
  interface WordData {
    /** The applied change that wrote this word. */
    change?: ChangeMessage
  }
}

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
    if (messages[k].applied) replaceSpan(sentence, tokens, first, last, to, messages[k])
  }
}

/**
 * One proposal as a message. `actual` is always the input text of the span: a change to words an
 * earlier pass already changed takes that change's place, with both confidences multiplied, so
 * a report holds one change per span from input to output.
 */
function record(file: VFile, sentence: Sentence, tokens: Token[], pass: string, proposal: Proposal, policy: Policy): ChangeMessage {
  const own = calibrate(policy.calibration[pass], proposal.confidence)
  // Only an applied change takes the place of the earlier ones; a reported one stands beside them.
  const earlier = own >= policy.minConfidence ? earlierChanges(file, tokens, proposal) : []
  // The merged change covers every word the earlier ones wrote, the proposal's among them.
  const wrote = (i: number) => i >= 0 && i < tokens.length && earlier.includes(tokens[i].node.data?.change as ChangeMessage)
  let first = proposal.first
  let last = proposal.last
  while (wrote(first - 1)) first--
  while (wrote(last + 1)) last++
  const to = childrenText(sentence, tokens[first].index, tokens[proposal.first].index) + proposal.to + childrenText(sentence, tokens[proposal.last].index + 1, tokens[last].index + 1)
  const place = spanPosition(tokens, first, last)
  const from = place ? String(file.value).slice(place.start.offset, place.end.offset) : ''
  const confidence = earlier.reduce((product, message) => product * message.confidence, own)
  const main = earlier.find((message) => message.source !== SOURCE_PREFIX + 'casing')
  const message = file.message(`Unexpected \`${from}\`, expected \`${to}\``, {
    place,
    ruleId: [...earlier.map((m) => m.ruleId), proposal.rule].join(' + '),
    source: pass === 'casing' && main ? main.source : SOURCE_PREFIX + pass
  }) as ChangeMessage
  message.actual = from
  message.expected = [to]
  message.confidence = round(confidence)
  message.applied = own >= policy.minConfidence
  message.origin = [...earlier.map((m) => m.origin), proposal.origin].join(' + ')
  return message
}

/** Messages of earlier applied changes to the proposal's tokens, taken off the file. */
function earlierChanges(file: VFile, tokens: Token[], proposal: Proposal): ChangeMessage[] {
  const found = new Set<ChangeMessage>()
  for (let i = proposal.first; i <= proposal.last; i++) {
    const message = tokens[i].node.data?.change
    if (message) found.add(message)
  }
  file.messages = file.messages.filter((message) => !found.has(message as ChangeMessage))
  return [...found]
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

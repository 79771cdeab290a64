/**
 * Changes over several rounds of the pipeline, kept in the coordinates of the original text.
 * A round runs on the previous round's output; a change that touches words an earlier round
 * changed takes that change's place, so there is one change per span from input to output.
 */

/** A change as a round reports it: offsets into that round's input. */
export interface RoundChange {
  pass: string
  rule: string
  to: string
  start: number
  end: number
  confidence: number
  applied: boolean
  source: string
}

/** A change in the original's coordinates; `to` is what its span reads in the latest text. */
export interface Edit extends Omit<RoundChange, 'start' | 'end'> {
  from: string
  start: number
  end: number
}

export class EditLog {
  /** Applied edits, sorted, not overlapping. */
  private applied: Edit[] = []
  /** Changes reported but not applied. */
  private reported: Edit[] = []

  constructor(private readonly original: string) {}

  /** Fold in one round's changes, reported against `current` (the original with the edits so far). */
  add(current: string, changes: readonly RoundChange[]): void {
    const before = this.applied
    const placed = changes.map((change) => this.place(before, current, change))
    const replaced = new Set(placed.filter((p) => p.edit.applied).flatMap((p) => p.merged))
    this.applied = [...before.filter((edit) => !replaced.has(edit)), ...placed.filter((p) => p.edit.applied).map((p) => p.edit)].sort((a, b) => a.start - b.start)
    const known = new Set(this.reported.map(keyOf))
    this.reported.push(...placed.filter((p) => !p.edit.applied && !known.has(keyOf(p.edit))).map((p) => p.edit))
  }

  /** Every change, applied and reported, in the original's order. */
  changes(): Edit[] {
    return [...this.applied, ...this.reported].sort((a, b) => a.start - b.start || a.end - b.end)
  }

  /** A round's change mapped onto the original, merged with the applied edits it touches. */
  private place(edits: Edit[], current: string, change: RoundChange): {edit: Edit; merged: Edit[]} {
    let shift = 0 // how much longer `current` is than the original before the point reached
    let start = change.start
    let end = change.end
    let currentStart = change.start
    let currentEnd = change.end
    let startSet = false
    const merged: Edit[] = []
    for (const edit of edits) {
      const editStart = edit.start + shift
      const editEnd = editStart + edit.to.length
      if (editEnd <= change.start) {
        shift += edit.to.length - (edit.end - edit.start)
        continue
      }
      if (!startSet) {
        start = change.start - shift
        startSet = true
      }
      if (editStart >= change.end) break
      merged.push(edit)
      if (editStart < currentStart) {
        currentStart = editStart
        start = edit.start
      }
      if (editEnd > currentEnd) currentEnd = editEnd
      shift += edit.to.length - (edit.end - edit.start)
    }
    if (!startSet) start = change.start - shift
    end = currentEnd - shift
    const to = current.slice(currentStart, change.start) + change.to + current.slice(change.end, currentEnd)
    const main = merged.find((edit) => edit.pass !== 'casing')
    const edit: Edit = {
      pass: change.pass === 'casing' && main ? main.pass : change.pass,
      rule: [...merged.map((e) => e.rule), change.rule].join(' + '),
      source: [...merged.map((e) => e.source), change.source].join(' + '),
      confidence: merged.reduce((product, e) => product * e.confidence, change.confidence),
      applied: change.applied,
      from: this.original.slice(start, end),
      to,
      start,
      end
    }
    return {edit, merged}
  }
}

/** A later round reports again what an earlier one reported: the same span and text. */
function keyOf(edit: Edit): string {
  return `${edit.start}:${edit.end}:${edit.to}`
}

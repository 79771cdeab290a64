/**
 * Changes over successive runs of the passes, kept in the coordinates of the original text.
 * Each run works on the previous run's output; a change that touches words an earlier run
 * changed takes that change's place (one change per span, from input to output), and changes
 * of one run that touch the same earlier change become one.
 */

/** A change as one run reports it: offsets into that run's input. */
export interface RunChange {
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
export interface Edit extends RunChange {
  from: string
}

/** A run's change placed on the original: the edit, the applied edits it takes over, its region in the run's input. */
interface Placed {
  edit: Edit
  merged: Edit[]
  change: RunChange
  region: {start: number; end: number}
}

export class EditLog {
  /** Applied edits, sorted, not overlapping. */
  private applied: Edit[] = []
  /** Changes reported but not applied. */
  private reported: Edit[] = []
  private readonly seen = new Set<string>()

  constructor(private readonly original: string) {}

  /** Fold in one run's changes, reported against `current` (the original with the edits so far). */
  add(current: string, changes: readonly RunChange[]): void {
    const shifts = shiftsBefore(this.applied)
    const placed = changes.map((change) => this.place(current, change, shifts))
    const taken = new Set<Edit>()
    const fresh: Edit[] = []
    for (const group of overlapping(placed.filter((p) => p.change.applied))) {
      group.forEach((p) => p.merged.forEach((edit) => taken.add(edit)))
      fresh.push(group.length === 1 ? group[0].edit : this.combine(current, group))
    }
    this.applied = [...this.applied.filter((edit) => !taken.has(edit)), ...fresh].sort((a, b) => a.start - b.start)
    for (const {edit} of placed) {
      const key = `${edit.start}:${edit.end}:${edit.to}`
      if (!edit.applied && !this.seen.has(key)) this.reported.push(edit)
      this.seen.add(key)
    }
  }

  /** Every change, applied and reported, in the original's order. */
  changes(): Edit[] {
    return [...this.applied, ...this.reported].sort((a, b) => a.start - b.start || a.end - b.end)
  }

  /** Map a change onto the original, widened over the applied edits it touches; `shifts` as shiftsBefore() gives them. */
  private place(current: string, change: RunChange, shifts: number[]): Placed {
    // the edits that end before the change are skipped at once: apart and sorted, they end in order
    const first = firstEndingAfter(this.applied, shifts, change.start)
    let shift = shifts[first] // how much longer `current` is than the original, up to the point reached
    let region = {start: change.start, end: change.end}
    let start = change.start - shift
    const merged: Edit[] = []
    for (let k = first; k < this.applied.length; k++) {
      const edit = this.applied[k]
      const editStart = edit.start + shift
      const editEnd = editStart + edit.to.length
      if (editStart >= change.end) break
      merged.push(edit)
      if (editStart < region.start) {
        region = {...region, start: editStart}
        start = edit.start
      }
      region = {...region, end: Math.max(region.end, editEnd)}
      shift += edit.to.length - (edit.end - edit.start)
    }
    const end = region.end - shift
    const to = current.slice(region.start, change.start) + change.to + current.slice(change.end, region.end)
    return {edit: this.edit(change, merged, start, end, to), merged, change, region}
  }

  /** Changes of one run that overlap (through the edits they take over) as one edit. */
  private combine(current: string, group: Placed[]): Edit {
    const start = Math.min(...group.map((p) => p.edit.start))
    const end = Math.max(...group.map((p) => p.edit.end))
    const region = {start: Math.min(...group.map((p) => p.region.start)), end: Math.max(...group.map((p) => p.region.end))}
    let to = ''
    let at = region.start
    for (const {change} of [...group].sort((a, b) => a.change.start - b.change.start)) {
      to += current.slice(at, change.start) + change.to
      at = change.end
    }
    to += current.slice(at, region.end)
    const merged = [...new Set(group.flatMap((p) => p.merged))]
    const own = group.map((p) => p.change)
    const confidence = own.reduce((product, change) => product * change.confidence, 1)
    return this.edit({...own[0], rule: own.map((c) => c.rule).join(' + '), source: own.map((c) => c.source).join(' + '), confidence}, merged, start, end, to)
  }

  private edit(change: RunChange, merged: Edit[], start: number, end: number, to: string): Edit {
    // A casing fix of a substitution is reported as the substitution.
    const main = merged.find((edit) => edit.pass !== 'casing')
    return {
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
  }
}

/** How much longer the text is than the original before each edit (sorted, apart), and after the last. */
function shiftsBefore(edits: Edit[]): number[] {
  const shifts = [0]
  edits.forEach((edit, k) => shifts.push(shifts[k] + edit.to.length - (edit.end - edit.start)))
  return shifts
}

/** The index of the first edit that ends after `offset` of the current text, edits.length if none. */
function firstEndingAfter(edits: Edit[], shifts: number[], offset: number): number {
  let low = 0
  let high = edits.length
  while (low < high) {
    const middle = (low + high) >>> 1
    const end = edits[middle].start + shifts[middle] + edits[middle].to.length
    if (end <= offset) low = middle + 1
    else high = middle
  }
  return low
}

/** Applied placements grouped where their regions overlap, in order. */
function overlapping(placed: Placed[]): Placed[][] {
  const groups: Placed[][] = []
  for (const p of [...placed].sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end)) {
    const last = groups.at(-1)
    const reach = last ? Math.max(...last.map((q) => q.edit.end)) : -1
    if (last && p.edit.start < reach) last.push(p)
    else groups.push([p])
  }
  return groups
}

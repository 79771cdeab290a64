/** Shared shapes of the library's public API. */

/** A place in the input: 1-based line and column, 0-based offset in UTF-16 code units. */
export interface Point {
  line: number
  column: number
  offset: number
}

/** One change a pass proposed, applied or not. */
export interface Change {
  /** The pass that proposed it: `phrases`, `context`, `spelling` or `casing`. */
  pass: string
  /** The rule or dictionary entry behind it. */
  rule: string
  /** The text as it stood in the input. */
  from: string
  /** The text the pass proposes. */
  to: string
  start: Point
  end: Point
  /** Probability in 0..1 that the change restores what the author wrote. */
  confidence: number
  /** Whether the change is in the restored text (confidence at least `minConfidence`). */
  applied: boolean
  /** Where the rule or entry comes from (a dictionary file, a model). */
  source: string
}

export interface RestoreOptions {
  /** Changes below this confidence are reported, not applied (default 0.6). */
  minConfidence?: number
  /** Which passes run, in pipeline order (default all). */
  passes?: readonly string[]
  /**
   * Platt scaling of confidences per pass, or per `<pass>/<kind>` such as `context/thesaurus`
   * (default: corpus/calibration.json, fitted by scripts/calibrate.mjs).
   */
  calibration?: Partial<Record<string, {a: number; b: number}>>
  /** Extra phrase dictionaries (TSV files: spun, original, weight, source). */
  dictionaries?: readonly string[]
  /** Whether the dictionaries in corpus/phrases/ are loaded too (default true). */
  bundledDictionaries?: boolean
}

export interface RestoreResult {
  /** The restored text. */
  text: string
  /** 0..1: how likely the input was spun. */
  spun: number
  /** 0..1: how sure unspin is that the restored text is what the author wrote. */
  confidence: number
  changes: Change[]
}

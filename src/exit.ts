/** The exit codes of every command. */
export const EXIT = {
  /** Everything done. */
  OK: 0,
  /** Some inputs failed (the others were still written), or --check found spin. */
  FAILED: 1,
  /** Bad arguments or options. */
  USAGE: 2
} as const

/** Writing data to stdout with backpressure; a reader that goes away (`| head`) ends the run quietly. */

/** stdout was closed by its reader: the command stops and exits 0. */
export class PipeClosed extends Error {}

export type Write = (text: string) => Promise<void>

/** A writer to stdout; once the reader has gone, every write rejects with PipeClosed. */
export function stdoutWriter(): Write {
  let closed = false
  const waiting = new Set<() => void>()
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    closed = true
    waiting.forEach((wake) => wake())
  })
  return (text) =>
    new Promise((done, fail) => {
      if (closed) return fail(new PipeClosed())
      if (process.stdout.write(text)) return done()
      const wake = () => {
        waiting.delete(wake)
        if (closed) fail(new PipeClosed())
        else done()
      }
      waiting.add(wake)
      process.stdout.once('drain', wake)
    })
}

/**
 * Where outputs go and how they are written: NAME.unspun.EXT and NAME.unspun.json beside the
 * input or under --out-dir (mirroring the tree), through a temporary file renamed into place,
 * never over an input, and over an existing output only when forced.
 */
import {closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync} from 'node:fs'
import {basename, dirname, extname, join, relative, resolve} from 'node:path'
import type {InputFile} from './input.js'

export interface OutputPaths {
  text: string
  report: string
}

export function outputPathsOf(input: InputFile, outDir?: string): OutputPaths {
  const extension = extname(input.path) || '.txt'
  const name = basename(input.path, extname(input.path))
  const folder = outDir ? join(outDir, relative(input.base, dirname(input.path))) : dirname(input.path)
  return {text: join(folder, `${name}.unspun${extension}`), report: join(folder, `${name}.unspun.json`)}
}

/** A file written piece by piece to a temporary name, then renamed over its target. */
export class AtomicFile {
  private readonly temporary: string
  private descriptor: number | undefined

  constructor(readonly path: string) {
    mkdirSync(dirname(path), {recursive: true})
    this.temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`)
    this.descriptor = openSync(this.temporary, 'wx')
  }

  write(text: string): void {
    if (this.descriptor === undefined) throw new Error(`${this.path}: already closed`)
    writeSync(this.descriptor, text)
  }

  /** Flush and move into place. */
  commit(): void {
    if (this.descriptor === undefined) return
    fsyncSync(this.descriptor)
    closeSync(this.descriptor)
    this.descriptor = undefined
    renameSync(this.temporary, this.path)
  }

  /** Remove the temporary file; the target is left as it was. */
  abandon(): void {
    if (this.descriptor !== undefined) closeSync(this.descriptor)
    this.descriptor = undefined
    rmSync(this.temporary, {force: true})
  }
}

export function writeAtomic(path: string, text: string): void {
  const file = new AtomicFile(path)
  try {
    file.write(text)
    file.commit()
  } catch (error) {
    file.abandon()
    throw error
  }
}

/**
 * Why the outputs of `input` may not be written, or undefined when they may: an output that
 * is one of the run's inputs, or one that exists already without `force`.
 */
export function outputConflict(paths: OutputPaths, inputs: ReadonlySet<string>, force: boolean): string | undefined {
  for (const path of [paths.text, paths.report]) {
    if (inputs.has(resolve(path))) return `its output ${path} is also an input of this run`
    if (!force && existsSync(path)) return `output ${path} exists (use --force to replace it)`
  }
  return undefined
}

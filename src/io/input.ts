/**
 * Finding and reading inputs. Every problem is an InputError whose message names the file and
 * the reason in one line; the caller reports it and goes on with the other inputs.
 */
import {readdirSync, readFileSync, statSync, type Stats} from 'node:fs'
import {join, relative, resolve, sep} from 'node:path'

export class InputError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`${path}: ${reason}`)
  }
}

/** Files a folder contributes: text files, never unspin's own outputs. */
export const TEXT_FILE = /\.(txt|text|md|jsonl)$/i
export const OUTPUT_FILE = /\.unspun\.(txt|json|jsonl|md|text)$/i

export interface InputFile {
  path: string
  /** The folder it was found under (for --out-dir mirroring), or its own folder. */
  base: string
}

/**
 * Expand paths (files, folders, globs) into input files, in a stable order.
 * Returns the files and one error per path that gave nothing.
 */
export function expandPaths(paths: readonly string[]): {files: InputFile[]; errors: InputError[]} {
  const files: InputFile[] = []
  const errors: InputError[] = []
  for (const path of paths) {
    const stats = statOf(path)
    if (stats?.isDirectory()) {
      const found = walk(path).filter((file) => TEXT_FILE.test(file) && !OUTPUT_FILE.test(file))
      if (found.length === 0) errors.push(new InputError(path, 'folder holds no text files (.txt, .text, .md, .jsonl)'))
      files.push(...found.map((file) => ({path: file, base: path})))
    } else if (stats) {
      files.push({path, base: resolve(path, '..')})
    } else if (/[*?[]/.test(path)) {
      const found = glob(path)
      if (found.length === 0) errors.push(new InputError(path, 'no file matches this pattern'))
      files.push(...found.map((file) => ({path: file, base: globRoot(path)})))
    } else {
      errors.push(new InputError(path, 'no such file or folder'))
    }
  }
  return {files, errors}
}

/** Read and check one input: a readable, non-empty, UTF-8 text file. */
export function readInput(path: string): {text: string; bytes: Buffer} {
  const stats = statOf(path)
  if (!stats) throw new InputError(path, 'no such file or folder')
  if (stats.isDirectory()) throw new InputError(path, 'is a folder')
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(path, code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? error})`)
  }
  return {text: decodeText(path, bytes), bytes}
}

/** Decode UTF-8 strictly, keeping a BOM; binary files and empty files are errors. */
export function decodeText(path: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw new InputError(path, 'empty file, nothing to restore')
  if (bytes.subarray(0, 8192).includes(0)) throw new InputError(path, 'binary file (NUL bytes), not text')
  try {
    return new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(bytes)
  } catch {
    throw new InputError(path, `invalid UTF-8 at byte ${firstInvalidByte(bytes)}`)
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})
  let low = 0
  let high = bytes.length
  // The longest valid prefix, by bisection (a valid prefix may end inside a sequence).
  while (high - low > 4) {
    const middle = (low + high) >>> 1
    try {
      decoder.decode(bytes.subarray(0, middle), {stream: true})
      decoder.decode()
      low = middle
    } catch {
      high = middle
    }
  }
  for (let end = low; end <= high; end++) {
    try {
      decoder.decode(bytes.subarray(0, end + 1), {stream: true})
      decoder.decode()
    } catch {
      return end
    }
  }
  return high
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}

function walk(folder: string): string[] {
  const found: string[] = []
  const entries = readdirSync(folder, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const path = join(folder, entry.name)
    if (entry.isDirectory()) found.push(...walk(path))
    else if (entry.isFile()) found.push(path)
  }
  return found
}

/** The part of a pattern before its first wildcard segment. */
function globRoot(pattern: string): string {
  const segments = pattern.split(/[\\/]/)
  const fixed = segments.slice(0, segments.findIndex((s) => /[*?[]/.test(s)))
  return fixed.length === 0 ? '.' : fixed.join(sep) || sep
}

/** Files matching a pattern with `*`, `?`, `[...]` and `**` (any depth of folders). */
function glob(pattern: string): string[] {
  const root = globRoot(pattern)
  if (!statOf(root)?.isDirectory()) return []
  const rest = relative(root, pattern).split(sep).join('/')
  const source = rest
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*\*\/|\*\*|\*|\?/g, (wildcard) => ({'**/': '(?:.*/)?', '**': '.*', '*': '[^/]*', '?': '[^/]'})[wildcard] ?? wildcard)
  const matcher = new RegExp(`^${source}$`)
  return walk(root).filter((file) => matcher.test(relative(root, file).split(sep).join('/')))
}

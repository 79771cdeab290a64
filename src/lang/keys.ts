/**
 * A hash table of keys that stay where they are in a data file's bytes (UTF-8): a slot holds the
 * key's offset and a number, so that tens of thousands of keys cost no strings on the heap of
 * every thread (a Map of them does), while lookups still take a JS string. A key runs from its
 * offset to the next tab or line feed, or to the end of the bytes.
 *
 * Filling the tables of the language model's and the casing model's keys took about 60 ms of
 * every cold start, so `npm run build` saves them filled (scripts/build-keys.mjs) and the readers
 * take them as they are. A saved table is made over some bytes; it carries their
 * length and a fingerprint, and is not used over others. Its layout (made where it is used, so
 * the arrays are in the machine's byte order):
 *   8 bytes  "UNSPKEY1"
 *   u32 LE   version, fingerprint of the keys' bytes, their length, keys, slots, 0 (padding)
 *   i32      starts[slots], then values[slots]
 */
import {Buffer} from 'node:buffer'

const MAGIC = 'UNSPKEY1'
const VERSION = 1
const HEADER_BYTES = 32

const TAB = 0x09
const LF = 0x0a
const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

export class KeyIndex {
  /** Number of keys. */
  size = 0
  /** Whether the table was saved by the build rather than filled here. */
  readonly fromBuild: boolean
  private readonly file: Buffer
  /** Per slot: the key's offset + 1; 0 for an empty slot. */
  private readonly starts: Int32Array
  private readonly values: Int32Array
  private readonly mask: number

  /** A table over `bytes` for at most `capacity` keys (or, from `saved`, the table saved with its keys). */
  constructor(bytes: Uint8Array, capacity: number, saved?: {starts: Int32Array; values: Int32Array; size: number}) {
    this.file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    // at most half full, so that probes stay short
    const slots = saved?.starts.length ?? 2 ** Math.ceil(Math.log2(2 * Math.max(1, capacity)))
    this.starts = saved?.starts ?? new Int32Array(slots)
    this.values = saved?.values ?? new Int32Array(slots)
    this.size = saved?.size ?? 0
    this.fromBuild = saved !== undefined
    this.mask = slots - 1
  }

  /**
   * The index saved in `table` (made by save()) over `bytes`, or undefined where it was made over
   * other bytes (a data file changed since the build). `name` says in errors which file it is.
   */
  static saved(bytes: Uint8Array, table: Uint8Array, name: string): KeyIndex | undefined {
    const header = Buffer.from(table.buffer, table.byteOffset, Math.min(table.length, HEADER_BYTES))
    if (header.length < HEADER_BYTES || header.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error(`${name}: not an unspin key table; run npm run build`)
    const [version, fingerprint, length, size, slots] = [8, 12, 16, 20, 24].map((at) => header.readUInt32LE(at))
    if (version !== VERSION || length !== bytes.length || fingerprint !== fingerprintOf(bytes)) return undefined
    if (table.length !== HEADER_BYTES + 8 * slots || (slots & (slots - 1)) !== 0 || table.byteOffset % 4 !== 0) {
      throw new Error(`${name}: key table cut short or damaged; run npm run build`)
    }
    const at = table.byteOffset + HEADER_BYTES
    return new KeyIndex(bytes, size, {starts: new Int32Array(table.buffer, at, slots), values: new Int32Array(table.buffer, at + 4 * slots, slots), size})
  }

  /** The table as bytes for saved(), over the bytes it was made over. */
  save(): Uint8Array {
    const table = Buffer.alloc(HEADER_BYTES + 8 * this.starts.length)
    table.write(MAGIC, 0, 'latin1')
    ;[VERSION, fingerprintOf(this.file), this.file.length, this.size, this.starts.length].forEach((value, k) => table.writeUInt32LE(value, 8 + 4 * k))
    Buffer.from(this.starts.buffer, this.starts.byteOffset, this.starts.byteLength).copy(table, HEADER_BYTES)
    Buffer.from(this.values.buffer, this.values.byteOffset, this.values.byteLength).copy(table, HEADER_BYTES + 4 * this.starts.length)
    return table
  }

  /** Calls `use` with each key's start and value. */
  forEach(use: (start: number, value: number) => void): void {
    for (let slot = 0; slot < this.starts.length; slot++) if (this.starts[slot] !== 0) use(this.starts[slot] - 1, this.values[slot])
  }

  /** Adds the key file[start, end) (end: keyEnd(file, start)) with its value; a key added before takes the new value (as Map.set). */
  add(start: number, end: number, value: number): void {
    let slot = hashBytes(this.file, start, end) & this.mask
    while (this.starts[slot] !== 0 && !sameKey(this.file, this.starts[slot] - 1, start, end)) slot = (slot + 1) & this.mask
    if (this.starts[slot] === 0) this.size++
    this.starts[slot] = start + 1
    this.values[slot] = value
  }

  /** The slot of a key, -1 if it is none. */
  find(key: string): number {
    for (let slot = hashOf(key) & this.mask; this.starts[slot] !== 0; slot = (slot + 1) & this.mask) {
      if (keyAt(this.file, this.starts[slot] - 1, key)) return slot
    }
    return -1
  }

  /** The value of a slot. */
  value(slot: number): number {
    return this.values[slot]
  }

  /** Where the key of a slot ends: at a tab, a line feed or the end of the bytes. */
  end(slot: number): number {
    return keyEnd(this.file, this.starts[slot] - 1)
  }
}

/** Where the key at `start` ends. */
export function keyEnd(bytes: Uint8Array, start: number): number {
  let end = start
  while (end < bytes.length && bytes[end] !== TAB && bytes[end] !== LF) end++
  return end
}

/** FNV-1a over the bytes, four at a time: a few milliseconds for megabytes, so checked at every load. */
function fingerprintOf(bytes: Uint8Array): number {
  const words = bytes.byteOffset % 4 === 0 ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2) : new Int32Array(bytes.slice(0, bytes.length & ~3).buffer)
  let hash = FNV_OFFSET
  for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i], FNV_PRIME)
  for (let i = words.length * 4; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], FNV_PRIME)
  return hash >>> 0
}

/** FNV-1a over UTF-16 code units. */
function hashOf(key: string): number {
  let hash = FNV_OFFSET
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), FNV_PRIME)
  return hash >>> 0
}

/** hashOf() the text of file[start, end), decoding only text beyond ASCII (where bytes and code units differ). */
function hashBytes(file: Buffer, start: number, end: number): number {
  let hash = FNV_OFFSET
  for (let i = start; i < end; i++) {
    if (file[i] >= 0x80) return hashOf(file.toString('utf8', start, end))
    hash = Math.imul(hash ^ file[i], FNV_PRIME)
  }
  return hash >>> 0
}

/** Whether the key at `start` is `key`. */
function keyAt(file: Buffer, start: number, key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const byte = file[start + i]
    if (byte !== key.charCodeAt(i)) return byte >= 0x80 && file.toString('utf8', start, keyEnd(file, start)) === key
  }
  const next = start + key.length
  return next === file.length || file[next] === TAB || file[next] === LF
}

/** Whether the key at `a` is file[start, end), a key: compared in place, as loading calls this for most keys. */
function sameKey(file: Buffer, a: number, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (file[a++] !== file[i]) return false
  return a === file.length || file[a] === TAB || file[a] === LF
}

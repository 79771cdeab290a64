/**
 * A hash table of keys that stay where they are in a data file's bytes (UTF-8): a slot holds the
 * key's offset and a number, so that tens of thousands of keys cost no strings on the heap of
 * every thread (a Map of them does), while lookups still take a JS string. A key runs from its
 * offset to the next tab or line feed, or to the end of the bytes.
 */
import {Buffer} from 'node:buffer'

const TAB = 0x09
const LF = 0x0a
const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

export class KeyIndex {
  /** Number of keys. */
  size = 0
  private readonly file: Buffer
  /** Per slot: the key's offset + 1; 0 for an empty slot. */
  private readonly starts: Int32Array
  private readonly values: Int32Array
  private readonly mask: number

  /** A table over `bytes` for at most `capacity` keys. */
  constructor(bytes: Uint8Array, capacity: number) {
    this.file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    // at most half full, so that probes stay short
    const slots = 2 ** Math.ceil(Math.log2(2 * Math.max(1, capacity)))
    this.starts = new Int32Array(slots)
    this.values = new Int32Array(slots)
    this.mask = slots - 1
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

/**
 * The bytes of the language-data files in corpus/, read once per process into shared memory.
 *
 * The readers use the bytes in place (typed-array views, hash tables and binary searches over
 * them), so every thread that restores text can use the same copy: a WorkerPool hands its
 * thread's copies to its workers (sharedData, useSharedData) instead of each worker reading its
 * own, which would hold the ~40 MB once per thread.
 *
 * Reading the ~55 MB takes about 50 ms. The command line starts the reads on libuv's thread pool
 * first thing (prefetchData), so they overlap with loading its code, and waits for them
 * (dataReady) before it restores anything.
 */
import {closeSync, existsSync, fstatSync, openSync, readSync} from 'node:fs'
import {open} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'

const FILES = {
  lm: new URL('../../corpus/lm/en-us.lm.u16', import.meta.url),
  thesaurus: new URL('../../corpus/thesaurus/en-us.thes', import.meta.url),
  casing: new URL('../../corpus/casing/en.casing', import.meta.url),
  speller: new URL('../../corpus/speller/en-us.words', import.meta.url),
  wordlist: new URL('../../corpus/words/en-us-huge.words', import.meta.url),
  topics: new URL('../../corpus/topics/brown.topics', import.meta.url),
  origins: new URL('../../corpus/origins/en-us.origins', import.meta.url),
  lmKeys: new URL('../../corpus/keys/en-us.lm.keys', import.meta.url),
  casingKeys: new URL('../../corpus/keys/en.casing.keys', import.meta.url)
}

export type DataName = keyof typeof FILES

/**
 * Files `npm run build` makes from the others (scripts/build-origins.mjs, scripts/build-keys.mjs),
 * which only save time: where one is missing, the readers do without it.
 */
const BUILT: ReadonlySet<DataName> = new Set(['origins', 'lmKeys', 'casingKeys'])

/** The data files' bytes, over SharedArrayBuffers: posting them to a worker shares, not copies. */
export type SharedData = Partial<Record<DataName, Uint8Array>>

const loaded: SharedData = {}

/** The path of a data file. */
export function dataPath(name: DataName): string {
  return fileURLToPath(FILES[name])
}

let prefetched: Promise<void> | undefined

/**
 * Starts reading every data file there is in the background; dataReady() resolves when they are
 * in. A file that cannot be read is left to dataBytes(), which says why where it is needed.
 */
export function prefetchData(): void {
  if (prefetched) return
  const names = (Object.keys(FILES) as DataName[]).filter((name) => !loaded[name] && existsSync(dataPath(name)))
  prefetched = Promise.all(
    names.map((name) =>
      readSharedAsync(dataPath(name)).then(
        (bytes) => void (loaded[name] ??= bytes),
        () => undefined
      )
    )
  ).then(() => undefined)
}

/** Resolves when the reads prefetchData() started are done (at once if it was not called). */
export function dataReady(): Promise<void> {
  return prefetched ?? Promise.resolve()
}

/** The bytes of a data file, read on first use (or given by the pool that started this thread). */
export function dataBytes(name: DataName): Uint8Array {
  return (loaded[name] ??= readShared(dataPath(name)))
}

/** The bytes of a file that `npm run build` makes, read on first use; undefined where it was not made. */
export function builtDataBytes(name: DataName): Uint8Array | undefined {
  if (!loaded[name] && !existsSync(dataPath(name))) return undefined
  return dataBytes(name)
}

/** Every data file there is, for the workers of a pool. */
export function sharedData(): SharedData {
  const names = (Object.keys(FILES) as DataName[]).filter((name) => !BUILT.has(name) || builtDataBytes(name))
  return Object.fromEntries(names.map((name) => [name, dataBytes(name)]))
}

/** In a worker: take the files its pool shared, so that nothing is read again. */
export function useSharedData(data: SharedData): void {
  Object.assign(loaded, data)
}

async function readSharedAsync(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r')
  try {
    const bytes = new Uint8Array(new SharedArrayBuffer((await file.stat()).size))
    for (let at = 0; at < bytes.length; ) {
      const {bytesRead} = await file.read(bytes, at, bytes.length - at, at)
      if (bytesRead === 0) throw new Error(`${path}: the file shrank while it was read`)
      at += bytesRead
    }
    return bytes
  } finally {
    await file.close()
  }
}

function readShared(path: string): Uint8Array {
  const fd = openSync(path, 'r')
  try {
    const bytes = new Uint8Array(new SharedArrayBuffer(fstatSync(fd).size))
    for (let at = 0; at < bytes.length; ) {
      const read = readSync(fd, bytes, at, bytes.length - at, at)
      if (read === 0) throw new Error(`${path}: the file shrank while it was read`)
      at += read
    }
    return bytes
  } finally {
    closeSync(fd)
  }
}

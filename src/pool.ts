/**
 * Restoring chunks on several cores: a WorkerPool runs one Restorer per worker thread, built from
 * the same RestoreOptions, and hands each chunk to an idle worker. It is an Engine (src/jobs.ts),
 * so the jobs keep their order and memory bounds as they are: restoreStream keeps several chunks
 * of one stream in flight, and the command line runs several files at once.
 *
 * An AdaptiveEngine is what the command line uses with --concurrency above 1: a lone small chunk
 * (`echo hi | unspin`, one short file) is restored in-process, so no worker starts and the run
 * ends as fast as with one core; as soon as more than one chunk is pending, or one is large, the
 * pool starts and takes every chunk from then on.
 */
import {availableParallelism} from 'node:os'
import {Worker} from 'node:worker_threads'
import type {Engine} from './jobs.js'
import {sharedData, type SharedData} from './lang/data.js'
import {PhraseDictionary} from './lang/phrases.js'
import {settingsOf} from './pipeline.js'
import {Restorer, START, type ChunkResult} from './restore.js'
import type {Point, RestoreOptions} from './types.js'
import type {WorkerReply, WorkerSetup, WorkerTask} from './worker.js'

/**
 * Old-generation heap per worker, in MB. The language data live mostly outside it (typed arrays
 * over the files); the caches and the rest hold about 50 MB once warm, and the largest chunk (a
 * paragraph of MAX_CHUNK_CHARS of spun text) restores within it at full speed. V8 lets garbage
 * grow to the limit before collecting: 256 took the CLI to 470 MB of peak RSS on 10 MB of State
 * of the Union text, 96 to 350 MB, at the same speed.
 */
export const WORKER_HEAP_MB = 96

/**
 * Young-generation heap per worker, in MB: a quarter of V8's default. Restoring makes short-lived
 * garbage at a steady pace, so the smaller nursery costs about 3% more CPU and saves about 15-20
 * MB of peak RSS with two workers against 16 MB, which paid for the context pass's word cache.
 */
export const WORKER_YOUNG_MB = 8

/** A chunk a worker failed on, or could not finish because it stopped. */
export class WorkerError extends Error {
  override name = 'WorkerError'
}

export interface PoolOptions {
  /** Workers at most (default: the number of cores). They start when there is work for them. */
  size?: number
  /** The worker's module (default dist/worker.js); the tests give a faulty one. */
  script?: URL
}

interface Task {
  id: number
  text: string
  start: Point
  resolve: (result: ChunkResult) => void
  reject: (error: Error) => void
}

interface Slot {
  worker: Worker
  task?: Task
  /** Chunks this worker finished. */
  done: number
  /** Why it stopped, from its 'error' event, for the chunk it held. */
  error?: Error
}

/** Workers lost one after another before finishing a chunk make the pool give up. */
const MAX_STARTUP_DEATHS = 3

export class WorkerPool implements Engine {
  readonly size: number
  private readonly options: RestoreOptions
  private readonly script: URL
  private readonly slots = new Set<Slot>()
  private readonly idle: Slot[] = []
  private readonly queue: Task[] = []
  private nextId = 0
  private deaths = 0
  private broken: Error | undefined
  private closed = false

  constructor(options: RestoreOptions = {}, {size = availableParallelism(), script = new URL('./worker.js', import.meta.url)}: PoolOptions = {}) {
    if (!(Number.isInteger(size) && size >= 1)) throw new TypeError(`size must be a whole number from 1, got ${size}`)
    this.options = structuredClone(options)
    this.size = size
    this.script = script
  }

  /** Restore one chunk on the next idle worker. */
  restoreChunk(text: string, start: Point = START): Promise<ChunkResult> {
    if (this.closed) return Promise.reject(new WorkerError('the worker pool is closed'))
    if (this.broken) return Promise.reject(this.broken)
    return new Promise((resolve, reject) => {
      this.queue.push({id: this.nextId++, text, start, resolve, reject})
      this.pump()
    })
  }

  /** Stop every worker now; chunks not restored yet are rejected. Waits until they have stopped. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    for (const task of this.queue.splice(0)) task.reject(new WorkerError('the worker pool is closed'))
    // Referenced, so that the process waits for them to stop (an idle worker is unreferenced).
    await Promise.all([...this.slots].map((slot) => (slot.worker.ref(), slot.worker.terminate())))
  }

  /** Hand queued chunks to idle workers, starting workers up to `size`. */
  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const slot = this.idle.pop() ?? (this.slots.size < this.size ? this.spawn() : undefined)
      if (!slot) return
      const task = this.queue.shift() as Task
      slot.task = task
      slot.worker.ref() // a worker busy with a chunk keeps the process alive
      const message: WorkerTask = {id: task.id, text: task.text, start: task.start}
      slot.worker.postMessage(message)
    }
  }

  private spawn(): Slot {
    // Node's own options carry over (--cpu-prof profiles each worker), but not --input-type,
    // which a worker started from a file rejects.
    const execArgv = process.execArgv.filter((option) => !option.startsWith('--input-type'))
    const setup: WorkerSetup = {options: this.options, data: dataToShare()}
    const worker = new Worker(this.script, {workerData: setup, execArgv, resourceLimits: {maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB}})
    const slot: Slot = {worker, done: 0}
    this.slots.add(slot)
    worker.on('message', (reply: WorkerReply) => {
      const task = slot.task
      if (!task || reply.id !== task.id) return
      slot.task = undefined
      slot.done++
      this.deaths = 0
      if ('error' in reply) task.reject(new WorkerError(reply.error.message))
      else task.resolve(reply.result as ChunkResult)
      this.release(slot)
    })
    worker.on('messageerror', (error: Error) => {
      const task = slot.task
      slot.task = undefined
      task?.reject(new WorkerError(`a worker's reply could not be read: ${error.message}`))
      this.release(slot)
    })
    worker.on('error', (error: Error) => void (slot.error = error))
    worker.on('exit', (code) => this.lost(slot, code))
    return slot
  }

  /** A worker that finished a chunk: idle (not keeping the process alive) until the next one. */
  private release(slot: Slot): void {
    if (!this.slots.has(slot) || this.closed) return
    slot.worker.unref()
    this.idle.push(slot)
    this.pump()
  }

  /** A worker stopped: fail its chunk, and start another for the queue unless too many died. */
  private lost(slot: Slot, code: number): void {
    this.slots.delete(slot)
    const at = this.idle.indexOf(slot)
    if (at >= 0) this.idle.splice(at, 1)
    if (this.closed) {
      slot.task?.reject(new WorkerError('the worker pool is closed'))
      return
    }
    const why = slot.error ? `a worker failed: ${slot.error.message}` : `a worker stopped (exit code ${code})`
    slot.task?.reject(new WorkerError(why))
    if (slot.done === 0 && ++this.deaths >= Math.max(MAX_STARTUP_DEATHS, this.size)) {
      this.broken = new WorkerError(`${why}; giving up after ${this.deaths} workers stopped`)
      for (const task of this.queue.splice(0)) task.reject(this.broken)
      return
    }
    this.pump()
  }
}

/**
 * The language data, read once in this thread and shared with every worker instead of each
 * reading its own copy. None when they cannot be read: each worker then fails on its own and
 * answers its chunks with the reason.
 */
function dataToShare(): SharedData | undefined {
  try {
    return sharedData()
  } catch {
    return undefined
  }
}

/** Chunks up to this many characters may be restored in-process while the pool has not started. */
export const LOCAL_CHUNK_CHARS = 16 * 1024

/**
 * An Engine that restores a lone small chunk in-process and otherwise uses a WorkerPool (started
 * on first need). Each call waits one turn of the event loop, so that chunks submitted together
 * (several files, the chunks of one piece of a stream) are seen together.
 */
export class AdaptiveEngine implements Engine {
  readonly size: number
  private readonly options: RestoreOptions
  private readonly script: URL | undefined
  private restorer: Restorer | undefined
  private pool: WorkerPool | undefined
  private pending: Task[] = []
  private scheduled = false
  private closed = false

  /** Checks the options (TypeError, or DictionaryError for an extra dictionary) without loading the language data. */
  constructor(options: RestoreOptions = {}, {size = availableParallelism(), script}: PoolOptions = {}) {
    checkOptions(options)
    this.options = options
    this.size = size
    this.script = script
  }

  /** Whether chunks go to worker threads now. */
  get pooled(): boolean {
    return this.pool !== undefined
  }

  restoreChunk(text: string, start: Point = START): Promise<ChunkResult> {
    if (this.closed) return Promise.reject(new WorkerError('the worker pool is closed'))
    if (this.pool) return this.pool.restoreChunk(text, start)
    return new Promise((resolve, reject) => {
      this.pending.push({id: 0, text, start, resolve, reject})
      if (this.scheduled) return
      this.scheduled = true
      setImmediate(() => this.flush())
    })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const task of this.pending.splice(0)) task.reject(new WorkerError('the worker pool is closed'))
    await this.pool?.close()
  }

  private flush(): void {
    this.scheduled = false
    const tasks = this.pending.splice(0)
    if (tasks.length === 0 || this.closed) return
    if (!this.pool && tasks.length === 1 && tasks[0].text.length <= LOCAL_CHUNK_CHARS) {
      const [task] = tasks
      try {
        this.restorer ??= new Restorer(this.options)
        task.resolve(this.restorer.restoreChunk(task.text, task.start))
      } catch (error) {
        task.reject(error as Error)
      }
      return
    }
    this.pool ??= new WorkerPool(this.options, {size: this.size, script: this.script})
    for (const task of tasks) this.pool.restoreChunk(task.text, task.start).then(task.resolve, task.reject)
  }
}

/**
 * What building a Restorer would reject, found without loading the language data: bad option
 * values (TypeError) and unreadable or malformed extra dictionaries (DictionaryError).
 */
export function checkOptions(options: RestoreOptions): void {
  const settings = settingsOf(options)
  if (settings.passes.includes('phrases')) PhraseDictionary.load(options.dictionaries ?? [])
}

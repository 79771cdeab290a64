/**
 * One worker of a WorkerPool (src/pool.ts): builds one Restorer from the pool's RestoreOptions
 * (over the language data the pool shares, while the first chunk is on its way) and restores the
 * chunks it is sent, one at a time. Replies are plain objects: `{id, result}` with a ChunkResult,
 * or `{id, error}` with the error's name and message. A Restorer that cannot be built answers
 * every chunk with that error, so the inputs fail one by one instead of the pool hanging.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {useSharedData, type SharedData} from './lang/data.js'
import {Restorer} from './restore.js'
import type {Point, RestoreOptions} from './types.js'

/** What a WorkerPool starts a worker with. */
export interface WorkerSetup {
  options: RestoreOptions
  /** The language data, read once by the pool's thread. */
  data?: SharedData
}

export interface WorkerTask {
  id: number
  text: string
  start: Point
}

export type WorkerReply = {id: number; result: unknown} | {id: number; error: {name: string; message: string}}

const port = parentPort
if (!port) throw new Error('src/worker.ts runs as a worker thread of a WorkerPool')

let restorer: Restorer | undefined
let failure: unknown
try {
  const setup = workerData as Partial<WorkerSetup> | undefined
  if (setup?.data) useSharedData(setup.data)
  restorer = new Restorer(setup?.options ?? {})
} catch (error) {
  failure = error
}

port.on('message', ({id, text, start}: WorkerTask) => {
  let reply: WorkerReply
  try {
    if (!restorer) throw failure
    reply = {id, result: restorer.restoreChunk(text, start)}
  } catch (error) {
    const {name = 'Error', message = String(error)} = error instanceof Error ? error : {}
    reply = {id, error: {name, message}}
  }
  port.postMessage(reply)
})

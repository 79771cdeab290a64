// The language-data files (src/lang/data.ts): read once per process into shared memory, which a
// pool's workers view instead of reading their own copies.
import test from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {Worker} from 'node:worker_threads'
import {dataBytes, dataPath, sharedData} from '../dist/lang/data.js'

test('each file is read once, into a SharedArrayBuffer, byte for byte', () => {
  const data = sharedData()
  assert.deepEqual(Object.keys(data).sort(), ['casing', 'casingKeys', 'lm', 'lmKeys', 'origins', 'speller', 'thesaurus', 'topics', 'wordlist'], 'origins and the keys: made by npm run build')
  for (const [name, bytes] of Object.entries(data)) {
    assert.ok(bytes.buffer instanceof SharedArrayBuffer, name)
    assert.equal(dataBytes(name), bytes, name)
    assert.ok(Buffer.from(bytes).equals(readFileSync(dataPath(name))), name)
  }
})

test('a worker given the files views the same memory and reads none again', async () => {
  const data = sharedData()
  const source = `
    import {parentPort, workerData} from 'node:worker_threads'
    const {dataBytes, useSharedData} = await import(${JSON.stringify(new URL('../dist/lang/data.js', import.meta.url).href)})
    useSharedData(workerData)
    const lm = dataBytes('lm')
    parentPort.postMessage({shared: lm.buffer instanceof SharedArrayBuffer, same: lm === workerData.lm, length: lm.length})
  `
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), {workerData: data})
  const reply = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject))
  await worker.terminate()
  assert.deepEqual(reply, {shared: true, same: true, length: data.lm.length})
})

test('files read in the background (prefetchData, as the command line starts) are the files, in shared memory', async () => {
  // in a thread of its own, so that nothing was read before
  const source = `
    import {parentPort} from 'node:worker_threads'
    import {readFileSync} from 'node:fs'
    const {dataBytes, dataPath, dataReady, prefetchData} = await import(${JSON.stringify(new URL('../dist/lang/data.js', import.meta.url).href)})
    prefetchData()
    prefetchData()
    await dataReady()
    const names = ['lm', 'thesaurus', 'casing', 'speller', 'wordlist', 'topics', 'origins', 'lmKeys', 'casingKeys']
    parentPort.postMessage(names.map((name) => {
      const bytes = dataBytes(name)
      return [name, bytes.buffer instanceof SharedArrayBuffer, Buffer.from(bytes).equals(readFileSync(dataPath(name))), dataBytes(name) === bytes]
    }))
  `
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`))
  const reply = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject))
  await worker.terminate()
  for (const [name, shared, same, once] of reply) assert.ok(shared && same && once, name)
})

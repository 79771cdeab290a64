// The language-data files (src/lang/data.ts): read once per process into shared memory, which a
// pool's workers view instead of reading their own copies.
import test from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {Worker} from 'node:worker_threads'
import {dataBytes, dataPath, sharedData} from '../dist/lang/data.js'

test('each file is read once, into a SharedArrayBuffer, byte for byte', () => {
  const data = sharedData()
  assert.deepEqual(Object.keys(data).sort(), ['casing', 'casingKeys', 'lm', 'lmKeys', 'origins', 'speller', 'thesaurus', 'topics'], 'origins and the keys: made by npm run build')
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

// Beyond one process: GNU parallel cutting a JSON-lines stream into blocks of 50 lines, one
// unspin per block, must give the output of one unspin over the whole stream, byte for byte
// (each line is restored on its own, so nothing depends on which process saw which lines).
// Skipped when GNU parallel is not installed (Debian/Ubuntu: apt-get install parallel).
import test from 'node:test'
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {BIN, ROOT, runProcess} from './support/spawn.mjs'

const EXAMPLES = join(ROOT, 'corpus', 'examples')

const found = spawnSync('parallel', ['--version'], {encoding: 'utf8'})
const skip = found.status === 0 && /GNU parallel/.test(found.stdout) ? false : 'GNU parallel is not on PATH (apt-get install parallel); skipped'

/** About 200 JSON lines: the examples' paragraphs (files interleaved), then the spun seed's sentences one by one. */
function jsonLines() {
  const names = readdirSync(EXAMPLES).filter((name) => name.endsWith('.txt')).sort()
  const paragraphs = names.map((name) =>
    readFileSync(join(EXAMPLES, name), 'utf8')
      .split(/\n\s*/)
      .map((paragraph) => paragraph.trim())
      .filter(Boolean)
      .map((text) => ({source: name, text}))
  )
  const records = []
  for (let i = 0; paragraphs.some((texts) => i < texts.length); i++) for (const texts of paragraphs) if (i < texts.length) records.push(texts[i])
  const spun = paragraphs[names.findIndex((name) => name.startsWith('004_'))]
  for (const {source, text} of spun) for (const sentence of text.split(/(?<=[.!?][”"]?) (?=[A-Z“"])/)) records.push({source, text: sentence})
  const lines = records.map((record, id) => JSON.stringify({id, ...record}))
  // Lines unspin writes back unchanged (and reports on stderr), in the middle of a block.
  lines.splice(70, 0, 'not json at all', '{"id": "no text field"}')
  return lines.join('\n') + '\n'
}


/** Run a command with the file at `inputPath` as stdin. */
const run = (command, args, inputPath) => runProcess(command, args, {input: readFileSync(inputPath), timeout: 55_000})

test('GNU parallel --pipe --keep-order -N 50: the same output as one unspin --jsonl, byte for byte', {skip, timeout: 60_000}, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'unspin-parallel-'))
  try {
    const path = join(folder, 'docs.jsonl')
    const text = jsonLines()
    writeFileSync(path, text)
    const lineCount = text.split('\n').length - 1
    assert.ok(lineCount >= 180 && lineCount <= 260, `about 200 lines (${lineCount})`)
    const [one, split] = await Promise.all([
      run(process.execPath, [BIN, '--jsonl'], path),
      run('parallel', ['--will-cite', '--pipe', '--keep-order', '-N', '50', process.execPath, BIN, '--jsonl'], path)
    ])
    // Both report the two bad lines (one process by its line number, parallel's by the block's) and fail.
    assert.equal(one.code, 1, one.stderr)
    assert.equal(split.code, 1, `one block failed: ${split.stderr}`)
    for (const {stderr} of [one, split]) {
      const reported = stderr.split('\n').filter(Boolean)
      assert.equal(reported.length, 2, stderr)
      assert.match(reported[0], /^unspin: stdin:\d+: not a JSON line, written back unchanged$/)
      assert.match(reported[1], /^unspin: stdin:\d+: no string field "text", written back unchanged$/)
    }
    assert.equal(one.stdout.toString('utf8').split('\n').length - 1, lineCount)
    assert.ok(one.stdout.includes('"unspin":{"spun"'), 'lines were restored')
    assert.ok(split.stdout.equals(one.stdout), 'byte for byte the same output')
  } finally {
    rmSync(folder, {recursive: true, force: true})
  }
})

// Every report the command line writes (files mode, stdin --json, the `unspin` object of --jsonl
// lines) checked against schema/report.schema.json (draft-07, with ajv) and against its input:
// byte count and sha256, and each change's offsets, lines and columns, on LF, CRLF and BOM files
// and on inputs long enough to be cut into several chunks (src/io/chunks.ts).
import test, {after} from 'node:test'
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import Ajv from 'ajv'
import {MAX_CHUNK_CHARS} from '../dist/io/chunks.js'
import {asText, BIN, ROOT, runUnspin} from './support/spawn.mjs'

const EXAMPLES = join(ROOT, 'corpus', 'examples')
const SEED_004 = readFileSync(join(EXAMPLES, readdirSync(EXAMPLES).find((name) => name.startsWith('004_'))), 'utf8')

const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8'))
const ajv = new Ajv({allErrors: true, strict: true})
const validateReport = ajv.compile(schema)
const validateChange = ajv.getSchema(`${schema.$id}#/definitions/change`)
// The `unspin` object of a JSON line: the report's scores, counts and changes.
const validateLineReport = ajv.compile({
  type: 'object',
  required: ['spun', 'confidence', 'counts', 'changes'],
  additionalProperties: false,
  properties: {
    spun: schema.properties.spun,
    confidence: schema.properties.confidence,
    counts: schema.properties.counts,
    changes: {type: 'array', items: {$ref: `${schema.$id}#/definitions/change`}}
  }
})

const scratch = mkdtempSync(join(tmpdir(), 'unspin-report-'))
after(() => rmSync(scratch, {recursive: true, force: true}))

const run = (args, {cwd = scratch, timeout = 180_000, ...rest} = {}) => runUnspin(args, {cwd, timeout, ...rest}).then(asText)


const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex')
/** Decoded as unspin decodes it: strict UTF-8, BOM kept (it counts as one code unit). */
const decode = (bytes) => new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(bytes)

/** line/column/offset of every offset of `text`: lines end at \n (a \r belongs to its line). */
function pointsOf(text) {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return (offset) => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >>> 1
      if (starts[middle] <= offset) low = middle
      else high = middle - 1
    }
    return {line: low + 1, column: offset - starts[low] + 1, offset}
  }
}

/** Each change's span is `from` in `text`, and its lines and columns agree with its offsets. */
function checkChanges(changes, text, where) {
  const pointAt = pointsOf(text)
  for (const change of changes) {
    const label = `${where}: ${change.pass} ${JSON.stringify(change.from)} -> ${JSON.stringify(change.to)} at ${change.start.offset}`
    assert.ok(validateChange(change), `${label}: ${ajv.errorsText(validateChange.errors)}`)
    assert.ok(change.start.offset <= change.end.offset && change.end.offset <= text.length, label)
    assert.equal(text.slice(change.start.offset, change.end.offset), change.from, label)
    assert.deepEqual(change.start, pointAt(change.start.offset), `${label}: start`)
    assert.deepEqual(change.end, pointAt(change.end.offset), `${label}: end`)
  }
}

function countsOf(changes) {
  const counts = {}
  for (const change of changes) {
    counts[change.pass] ??= {applied: 0, reported: 0}
    counts[change.pass][change.applied ? 'applied' : 'reported']++
  }
  return counts
}

/** A whole report: the schema, the input's bytes and hash, its counts and every change. */
function checkReport(report, bytes, where) {
  assert.ok(validateReport(report), `${where}: ${ajv.errorsText(validateReport.errors)}`)
  assert.equal(report.input.bytes, bytes.length, `${where}: bytes`)
  assert.equal(report.input.sha256, sha256(bytes), `${where}: sha256`)
  assert.deepEqual(report.counts, countsOf(report.changes), `${where}: counts`)
  checkChanges(report.changes, decode(bytes), where)
}

/** The input with every applied change's span replaced by its `to`. */
function applyChanges(text, changes) {
  const applied = changes.filter((c) => c.applied).sort((a, b) => a.start.offset - b.start.offset)
  let out = ''
  let at = 0
  for (const change of applied) {
    assert.ok(change.start.offset >= at, `applied changes overlap at ${change.start.offset}: ${JSON.stringify(change.from)} -> ${JSON.stringify(change.to)}`)
    out += text.slice(at, change.start.offset) + change.to
    at = change.end.offset
  }
  return out + text.slice(at)
}

// Seed 004 is spun and badly cased: every pass has something to say about it.
const CRLF = SEED_004.replace(/\n/g, '\r\n')
const BOM = '\uFEFF' + SEED_004
const paragraphs = SEED_004.split('\n\n').filter((p) => p.trim() !== '')
const TORTURED = 'The irregular woodland was trained on colossal information. '

// Files mode with the default passes: LF, CRLF and BOM copies of seed 004.
const fileInputs = {'lf.txt': SEED_004, 'crlf.txt': CRLF, 'bom.txt': BOM}
let fileReports // name -> {report, bytes, output}

test('files mode (default passes): reports of LF, CRLF and BOM files are valid and point at their input', async () => {
  const dir = mkdtempSync(join(scratch, 'files-'))
  for (const [name, text] of Object.entries(fileInputs)) writeFileSync(join(dir, name), text)
  const {code, stderr} = await run(['-q', ...Object.keys(fileInputs)], {cwd: dir})
  assert.equal(code, 0, stderr)
  assert.equal(stderr, '')
  fileReports = {}
  for (const name of Object.keys(fileInputs)) {
    const base = name.replace(/\.txt$/, '')
    const report = JSON.parse(readFileSync(join(dir, `${base}.unspun.json`), 'utf8'))
    const bytes = readFileSync(join(dir, name))
    checkReport(report, bytes, name)
    assert.equal(report.input.path, name)
    assert.deepEqual(report.output, {path: `${base}.unspun.txt`})
    assert.ok(report.changes.length > 0, `${name}: seed 004 has changes`)
    assert.ok(report.changes.some((c) => c.start.line > 1), `${name}: changes on later lines`)
    fileReports[name] = {report, bytes, output: readFileSync(join(dir, `${base}.unspun.txt`), 'utf8')}
  }
  // The CRLF copy: offsets grow by one per line above, columns stay (a \r ends no line).
  const crlf = fileReports['crlf.txt'].report.changes
  assert.ok(crlf.some((c) => c.start.offset > 0 && CRLF.slice(0, c.start.offset).includes('\r\n')))
  // The BOM copy: the BOM is one code unit at offset 0, column 1 of line 1.
  const firstLine = fileReports['bom.txt'].report.changes.filter((c) => c.start.line === 1)
  for (const change of firstLine) assert.ok(change.start.column >= 2 && change.start.offset >= 1)
  assert.ok(fileReports['bom.txt'].output.startsWith('\uFEFF'), 'the BOM is kept in the output')
  assert.ok(!fileReports['crlf.txt'].output.replace(/\r\n/g, '').includes('\n'), 'CRLF line ends are kept')
})

// src/changes.ts means a report to hold "one change per span from input to output". Todo while
// it does not: a later pass's unapplied proposal over an earlier applied change replaces that
// change in the report, and one span can carry two applied changes (seed 004: "White Dwelling").
test('files mode: the applied changes turn the input into the output', async (t) => {
  if (!fileReports) return t.skip('the files-mode run failed')
  for (const [name, {report, bytes, output}] of Object.entries(fileReports)) {
    assert.equal(applyChanges(decode(bytes), report.changes), output, `${name}: input + applied changes = output`)
  }
})

test('stdin --json: the report of a CRLF text with a BOM, with its restored text', async () => {
  const text = '\uFEFF' + paragraphs.slice(0, 4).join('\r\n\r\n') + '\r\n' + TORTURED + '\r\n'
  const bytes = Buffer.from(text, 'utf8')
  const {code, stdout, stderr} = await run(['--json'], {input: bytes})
  assert.equal(code, 0, stderr)
  assert.equal(stderr, '')
  const {text: restored, ...report} = JSON.parse(stdout)
  assert.equal(typeof restored, 'string')
  checkReport(report, bytes, 'stdin')
  assert.equal(report.input.path, '-')
  assert.equal(report.output, null)
  assert.ok(report.changes.some((c) => c.pass === 'phrases' && c.from === 'irregular woodland'))
  assert.ok(report.changes.some((c) => c.start.line >= 3))
  assert.ok(restored.startsWith('\uFEFF'))
})

test('--jsonl: each line\'s `unspin` object is valid and points into that line\'s field', async () => {
  const records = [
    {id: 'a', text: paragraphs[1]},
    {id: 'b', text: paragraphs[2] + '\n\n' + TORTURED},
    {id: 'c', text: 'Plain words.\r\nOn two lines with irregular woodland.'},
    {id: 'd', text: '\uFEFF' + paragraphs[3]}
  ]
  const input = records.map((record) => JSON.stringify(record)).join('\n') + '\n'
  const {code, stdout, stderr} = await run(['--jsonl'], {input})
  assert.equal(code, 0, stderr)
  assert.equal(stderr, '')
  const lines = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line))
  assert.deepEqual(lines.map((line) => line.id), records.map((record) => record.id))
  for (const [i, line] of lines.entries()) {
    const where = `line ${i + 1}`
    assert.ok(validateLineReport(line.unspin), `${where}: ${ajv.errorsText(validateLineReport.errors)}`)
    assert.deepEqual(line.unspin.counts, countsOf(line.unspin.changes), `${where}: counts`)
    checkChanges(line.unspin.changes, records[i].text, where)
  }
  assert.ok(lines[0].unspin.changes.length > 0)
  const tortured = lines[2].unspin.changes.find((c) => c.from === 'irregular woodland')
  assert.deepEqual(tortured?.start, {line: 2, column: 19, offset: 32})
})

test('multi-chunk inputs: offsets, lines and columns stay right past every chunk boundary', async () => {
  // Several paragraphs of seed 004 (casing changes all over) with tortured phrases, past
  // MAX_CHUNK_CHARS: once with paragraphs and CRLF, once as one single line.
  const block = paragraphs.map((p, i) => (i % 3 === 0 ? `${p} ${TORTURED}` : p))
  const multiLine = []
  let length = 0
  for (let i = 0; length < MAX_CHUNK_CHARS * 2.3; i++) {
    const paragraph = block[i % block.length]
    multiLine.push(paragraph)
    length += paragraph.length + 4
  }
  const inputs = {
    'paragraphs.txt': '\uFEFF' + multiLine.join('\r\n\r\n') + '\r\n',
    'one-line.txt': multiLine.join(' ').replace(/\n/g, ' ')
  }
  assert.ok(!inputs['one-line.txt'].includes('\n'))
  const dir = mkdtempSync(join(scratch, 'chunks-'))
  for (const [name, text] of Object.entries(inputs)) writeFileSync(join(dir, name), text)
  const {code, stderr} = await run(['-q', '--passes', 'phrases,casing', ...Object.keys(inputs)], {cwd: dir})
  assert.equal(code, 0, stderr)
  for (const [name, text] of Object.entries(inputs)) {
    const report = JSON.parse(readFileSync(join(dir, name.replace('.txt', '.unspun.json')), 'utf8'))
    checkReport(report, Buffer.from(text, 'utf8'), name)
    const late = report.changes.filter((c) => c.start.offset > 2 * MAX_CHUNK_CHARS)
    assert.ok(late.some((c) => c.pass === 'phrases'), `${name}: phrase changes in the third chunk`)
    assert.ok(late.some((c) => c.pass === 'casing'), `${name}: casing changes in the third chunk`)
    const output = readFileSync(join(dir, name.replace('.txt', '.unspun.txt')), 'utf8')
    assert.equal(output.split('irregular woodland').length, 1, `${name}: every tortured phrase restored`)
  }
  const oneLine = JSON.parse(readFileSync(join(dir, 'one-line.unspun.json'), 'utf8')).changes
  assert.ok(oneLine.every((c) => c.start.line === 1 && c.start.column === c.start.offset + 1))
})

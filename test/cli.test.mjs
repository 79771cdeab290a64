// End-to-end tests of the command line: the real binary (bin/unspin.js over dist/cli.js) spawned
// in temporary folders, checking stdout, stderr and the exit code. Every start loads the language
// data, so each spawn checks several things; the fast `--passes phrases` runs test the I/O layer,
// the default passes run only where the whole engine matters.
import test, {after} from 'node:test'
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {BIN, ROOT, runUnspin} from './support/spawn.mjs'

const EXAMPLES = join(ROOT, 'corpus', 'examples')
const seed = (n) => join(EXAMPLES, readdirSync(EXAMPLES).find((name) => name.startsWith(`${n}_`)))
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
const FAST = ['--passes', 'phrases']

const scratch = mkdtempSync(join(tmpdir(), 'unspin-cli-'))
after(() => {
  // chmod 000 files are removed by their folder's permissions; make them removable anyway.
  rmSync(scratch, {recursive: true, force: true})
})
let folders = 0
/** A fresh folder under the scratch folder, with `files` (name -> string | Buffer) written in it. */
function folder(files = {}) {
  const dir = join(scratch, `case-${++folders}`)
  mkdirSync(dir)
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), {recursive: true})
    writeFileSync(join(dir, name), content)
  }
  return dir
}


const run = runUnspin
const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex')
const linesOf = (text) => text.split('\n').filter((line) => line !== '')

/** Every file under `dir`, relative, with / separators, sorted. */
function tree(dir) {
  const found = []
  const walk = (at) => {
    for (const entry of readdirSync(at, {withFileTypes: true})) {
      const path = join(at, entry.name)
      if (entry.isDirectory()) walk(path)
      else found.push(relative(dir, path).split('\\').join('/'))
    }
  }
  walk(dir)
  return found.sort()
}
const temporaries = (dir) => tree(dir).filter((path) => /(^|\/)\.[^/]*\.tmp$/.test(path))

// A clean paragraph with a bundled tortured phrase in it, and what the phrase pass makes of it.
const TORTURED = 'We trained a model with irregular woodland on colossal information.\n'
const UNTORTURED = 'We trained a model with random forest on big data.\n'

// ---------------------------------------------------------------------------------------------
// stdin -> stdout

let restored004 // seed 004 as restored by the default passes, for the idempotence test

test('stdin -> stdout: the restored text on stdout and nothing else', async () => {
  const input = readFileSync(seed('004'))
  const {code, stdout, stderr} = await run([], {input})
  assert.equal(code, 0)
  assert.equal(stderr, '')
  const text = stdout.toString('utf8')
  assert.notEqual(text, input.toString('utf8'), 'seed 004 is spun: something must change')
  // Only the text: changes stay within lines, so the same lines; no report or log mixed in.
  assert.equal(text.split('\n').length, input.toString('utf8').split('\n').length)
  assert.equal(text.split('\n\n').length, input.toString('utf8').split('\n\n').length)
  assert.ok(!text.includes('"tool"') && !text.includes('unspin:'))
  restored004 = text
})

test('stdin: clean seed 001 comes back byte for byte, nothing applied (--json)', async () => {
  const input = readFileSync(seed('001'))
  const {code, stdout, stderr} = await run(['--json'], {input})
  assert.equal(code, 0)
  assert.equal(stderr, '')
  const object = JSON.parse(stdout.toString('utf8'))
  const applied = object.changes.filter((c) => c.applied).map((c) => `${c.pass}: ${c.from} -> ${c.to} (${c.confidence})`)
  assert.deepEqual(applied, [], 'no change applied to clean text')
  assert.ok(Buffer.from(object.text, 'utf8').equals(input))
})

test('stdin -> stdout: BOM, CRLF, NBSP, tabs, double spaces and curly quotes survive on clean text', async () => {
  const input = Buffer.from(
    '\uFEFFThe committee met on Tuesday.\tIt discussed the  budget for next year.\r\n' +
      'Members said the plan was \u201Cfair\u201D and \u2018simple\u2019.\u00A0The vote is set for May.\r\n' +
      '\r\n' +
      '  She said it\u2019s a good day.  \r\n' +
      '\tThe end, \u00A0 really.',
    'utf8'
  )
  const {code, stdout, stderr} = await run([], {input})
  assert.equal(code, 0)
  assert.equal(stderr, '')
  assert.equal(stdout.toString('hex'), input.toString('hex'))
})

test('stdin: "-" reads stdin too, and an invalid UTF-8 stdin is one error line with exit 1', async () => {
  const dash = await run(['-', ...FAST], {input: TORTURED})
  assert.equal(dash.code, 0)
  assert.equal(dash.stderr, '')
  assert.equal(dash.stdout.toString('utf8'), UNTORTURED)

  const bad = await run(FAST, {input: Buffer.from([0x48, 0x69, 0xff, 0xfe, 0x0a])})
  assert.equal(bad.code, 1)
  assert.equal(linesOf(bad.stderr).length, 1)
  assert.match(bad.stderr, /^unspin: stdin: .*UTF-8/)
})

// Files are restored whole (one chunk up to MAX_CHUNK_CHARS); stdin streams, a chunk per
// paragraph end read, so whatever looks at "the document" (context clauses, casing statistics)
// sees less of it there. Todo while the two can differ.
test('stdin and a file give the same output', async () => {
  const text = 'The activation ability is a sigmoid.\n\nEach activation function is smooth.\n'
  const dir = folder({'same.txt': text})
  const file = await run([...FAST, '-q', 'same.txt'], {cwd: dir})
  assert.equal(file.code, 0, file.stderr)
  const piped = await run(FAST, {input: text})
  assert.equal(piped.code, 0, piped.stderr)
  assert.equal(piped.stdout.toString('utf8'), readFileSync(join(dir, 'same.unspun.txt'), 'utf8'))
})

test('streaming: output starts before the input ends', async () => {
  const child = spawn(process.execPath, [BIN], {cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe']})
  const first = 'The committee met on Tuesday and talked about the budget.\n\n'
  const second = 'It will meet again next week.\n'
  let out = ''
  let err = ''
  child.stderr.on('data', (data) => (err += data))
  const closed = new Promise((resolve) => child.on('close', (code) => resolve(code)))
  try {
    const firstOut = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no output within 20 s while stdin stays open (got ${JSON.stringify(out)})`)), 20_000)
      child.stdout.on('data', (data) => {
        out += data
        if (out.length >= first.length) {
          clearTimeout(timer)
          resolve()
        }
      })
      closed.then(() => reject(new Error(`exited before its input ended: ${err}`)))
    })
    child.stdin.write(first)
    await firstOut
    assert.equal(child.exitCode, null, 'still running: its input has not ended')
    assert.equal(out, first)
    child.stdin.end(second)
    assert.equal(await closed, 0)
    assert.equal(out, first + second)
    assert.equal(err, '')
  } finally {
    child.kill('SIGKILL')
  }
})

test('| head: a reader that goes away ends the run quietly with exit 0', async () => {
  const paragraph = readFileSync(seed('001'), 'utf8').trim() + '\n\n'
  const input = paragraph.repeat(Math.ceil((2 * 1024 * 1024) / paragraph.length))
  const child = spawn(process.execPath, [BIN, ...FAST], {cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe']})
  let err = ''
  child.stderr.on('data', (data) => (err += data))
  child.stdin.on('error', () => {}) // EPIPE once it has exited
  const closed = new Promise((resolve) => child.on('close', (code, signal) => resolve({code, signal})))
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000)
  let head = ''
  child.stdout.once('data', (data) => {
    head = String(data).slice(0, 100)
    child.stdout.destroy()
  })
  child.stdin.end(input)
  const {code, signal} = await closed
  clearTimeout(timer)
  assert.equal(signal, null, 'not killed (it ended on its own)')
  assert.equal(code, 0)
  assert.equal(err, '')
  assert.equal(head, paragraph.slice(0, head.length))
  assert.ok(head.length > 0)
})

// ---------------------------------------------------------------------------------------------
// Files

test('files: outputs beside each input, inputs untouched, --force to replace', async () => {
  const dir = folder({'a.txt': readFileSync(seed('001')), 'b.txt': TORTURED})
  const before = {a: sha256(join(dir, 'a.txt')), b: sha256(join(dir, 'b.txt'))}

  const first = await run([...FAST, 'a.txt', 'b.txt'], {cwd: dir})
  assert.equal(first.code, 0, first.stderr)
  assert.equal(first.stdout.length, 0, 'files mode prints nothing on stdout without --json')
  assert.deepEqual(tree(dir), ['a.txt', 'a.unspun.json', 'a.unspun.txt', 'b.txt', 'b.unspun.json', 'b.unspun.txt'])
  assert.equal(sha256(join(dir, 'a.txt')), before.a)
  assert.equal(sha256(join(dir, 'b.txt')), before.b)
  assert.ok(readFileSync(join(dir, 'a.unspun.txt')).equals(readFileSync(join(dir, 'a.txt'))), 'clean a.txt unchanged')
  assert.equal(readFileSync(join(dir, 'b.unspun.txt'), 'utf8'), UNTORTURED)
  const report = JSON.parse(readFileSync(join(dir, 'b.unspun.json'), 'utf8'))
  assert.deepEqual(report.input, {path: 'b.txt', bytes: Buffer.byteLength(TORTURED), sha256: before.b})
  assert.deepEqual(report.output, {path: 'b.unspun.txt'})
  assert.deepEqual(report.changes.map((c) => [c.from, c.to, c.applied]), [['irregular woodland', 'random forest', true], ['colossal information', 'big data', true]])
  // A summary line per file on stderr (no --quiet), naming it.
  assert.deepEqual(linesOf(first.stderr).map((line) => line.split(' ')[0]).sort(), ['a.txt', 'b.txt'])
  assert.deepEqual(temporaries(dir), [])

  // Outputs exist: refused, one error line naming the file, nothing replaced.
  writeFileSync(join(dir, 'b.unspun.txt'), 'stale\n')
  const again = await run([...FAST, '-q', 'b.txt'], {cwd: dir})
  assert.equal(again.code, 1)
  assert.equal(again.stdout.length, 0)
  const lines = linesOf(again.stderr)
  assert.equal(lines.length, 1, again.stderr)
  assert.match(lines[0], /^unspin: b\.txt: .*b\.unspun\.txt.*--force/)
  assert.equal(readFileSync(join(dir, 'b.unspun.txt'), 'utf8'), 'stale\n')

  const forced = await run([...FAST, '-q', '--force', 'b.txt'], {cwd: dir})
  assert.equal(forced.code, 0, forced.stderr)
  assert.equal(forced.stderr, '')
  assert.equal(readFileSync(join(dir, 'b.unspun.txt'), 'utf8'), UNTORTURED)
  assert.equal(sha256(join(dir, 'b.txt')), before.b)
  assert.deepEqual(temporaries(dir), [])
})

test('files: a folder input, --out-dir mirroring its tree, and a quoted glob', async () => {
  const dir = folder({
    'in/x.txt': 'First file.\n',
    'in/sub/y.md': TORTURED,
    'in/sub/deeper/z.txt': 'Third file.\n',
    'in/notes.bin': 'not a text file name\n',
    'in/.hidden.txt': 'hidden\n',
    'g/one.txt': 'One.\n',
    'g/two.txt': 'Two.\n',
    'g/three.md': 'Three.\n',
    'g/sub/four.txt': 'Four.\n'
  })
  const inputs = tree(join(dir, 'in'))
  const hashes = inputs.map((path) => sha256(join(dir, 'in', path)))

  const mirrored = await run([...FAST, '-q', 'in', '--out-dir', 'out'], {cwd: dir})
  assert.equal(mirrored.code, 0, mirrored.stderr)
  assert.equal(mirrored.stderr, '')
  assert.deepEqual(tree(join(dir, 'out')), [
    'sub/deeper/z.unspun.json',
    'sub/deeper/z.unspun.txt',
    'sub/y.unspun.json',
    'sub/y.unspun.md',
    'x.unspun.json',
    'x.unspun.txt'
  ])
  assert.equal(readFileSync(join(dir, 'out/sub/y.unspun.md'), 'utf8'), UNTORTURED)
  assert.equal(readFileSync(join(dir, 'out/x.unspun.txt'), 'utf8'), 'First file.\n')
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'out/sub/y.unspun.json'), 'utf8')).output, {path: join('out', 'sub', 'y.unspun.md')})
  assert.deepEqual(tree(join(dir, 'in')), inputs, 'nothing written into the input folder')
  assert.deepEqual(inputs.map((path) => sha256(join(dir, 'in', path))), hashes)

  // A folder without --out-dir: beside each input; run twice, its own outputs are never inputs.
  for (const args of [['in'], ['--force', 'in']]) {
    const beside = await run([...FAST, '-q', ...args], {cwd: dir})
    assert.equal(beside.code, 0, beside.stderr)
    assert.equal(beside.stderr, '')
  }
  assert.deepEqual(
    tree(join(dir, 'in')),
    [...inputs, 'sub/deeper/z.unspun.json', 'sub/deeper/z.unspun.txt', 'sub/y.unspun.json', 'sub/y.unspun.md', 'x.unspun.json', 'x.unspun.txt'].sort()
  )

  // A glob, quoted (no shell): * does not cross folders, and only .txt matches.
  const globbed = await run([...FAST, '-q', 'g/*.txt'], {cwd: dir})
  assert.equal(globbed.code, 0, globbed.stderr)
  assert.deepEqual(tree(join(dir, 'g')), ['one.txt', 'one.unspun.json', 'one.unspun.txt', 'sub/four.txt', 'three.md', 'two.txt', 'two.unspun.json', 'two.unspun.txt'])
  assert.equal(readFileSync(join(dir, 'g/two.unspun.txt'), 'utf8'), 'Two.\n')

  const none = await run([...FAST, '-q', 'g/*.nothing'], {cwd: dir})
  assert.equal(none.code, 1)
  assert.match(none.stderr, /^unspin: g\/\*\.nothing: .*\n$/)
  assert.deepEqual(temporaries(dir), [])
})

test('bad inputs: one stderr line each naming the file and the reason; the rest still processed; exit 1', async () => {
  const root = process.getuid?.() === 0
  const dir = folder({
    'ok.txt': TORTURED,
    'binary.txt': Buffer.from('some text\0with a NUL byte\n'),
    'latin1.txt': Buffer.from('caf\xe9 au lait\n', 'latin1'),
    'empty.txt': '',
    'locked.txt': 'You may not read this.\n',
    'self.txt': 'Its output is an input.\n',
    'self.unspun.txt': 'Given as an input too.\n',
    'blocked.txt': 'Its output path is a folder.\n',
    'blocked.unspun.txt/keep': 'a folder stands where the output goes\n',
    'nothing/data.bin': 'no text file in this folder\n',
    'last.txt': 'Still processed after the errors.\n'
  })
  if (!root) chmodSync(join(dir, 'locked.txt'), 0o000)
  const expected = {
    'missing.txt': /no such file/,
    nothing: /no text files/,
    'binary.txt': /binary|NUL/,
    'latin1.txt': /invalid UTF-8/,
    'empty.txt': /empty/,
    'self.txt': /self\.unspun\.txt.*input/,
    'blocked.txt': /folder|director|EISDIR/i
  }
  if (!root) expected['locked.txt'] = /permission denied/
  try {
    const args = ['-q', '--force', ...FAST, 'ok.txt', 'missing.txt', 'nothing', 'binary.txt', 'latin1.txt', 'empty.txt', 'self.txt', 'self.unspun.txt', 'blocked.txt', 'last.txt']
    if (!root) args.push('locked.txt')
    const {code, stdout, stderr} = await run(args, {cwd: dir})
    assert.equal(code, 1)
    assert.equal(stdout.length, 0)
    const lines = linesOf(stderr)
    assert.equal(lines.length, Object.keys(expected).length, stderr)
    for (const [path, reason] of Object.entries(expected)) {
      const line = lines.find((l) => l.startsWith(`unspin: ${path}: `))
      assert.ok(line, `no error line for ${path} in:\n${stderr}`)
      assert.match(line, reason)
    }
    // The good inputs were still restored.
    assert.equal(readFileSync(join(dir, 'ok.unspun.txt'), 'utf8'), UNTORTURED)
    assert.equal(readFileSync(join(dir, 'last.unspun.txt'), 'utf8'), 'Still processed after the errors.\n')
    assert.equal(readFileSync(join(dir, 'self.unspun.txt'), 'utf8'), 'Given as an input too.\n', 'an input is never overwritten')
    for (const name of ['binary', 'latin1', 'empty', 'self', 'locked', 'blocked']) {
      assert.ok(!existsSync(join(dir, `${name}.unspun.json`)), `no report for failed ${name}.txt`)
    }
    assert.ok(statSync(join(dir, 'blocked.unspun.txt')).isDirectory())
    assert.deepEqual(temporaries(dir), [])
  } finally {
    if (!root) chmodSync(join(dir, 'locked.txt'), 0o644)
  }
})

test('a folder given where a file is expected (--dict) is a usage error naming it', async () => {
  const dir = folder({'dict/x.tsv': 'a\tb\n', 'a.txt': 'Hello.\n'})
  const {code, stdout, stderr} = await run([...FAST, 'a.txt', '--dict', 'dict'], {cwd: dir})
  assert.equal(code, 2)
  assert.equal(stdout.length, 0)
  assert.equal(linesOf(stderr).length, 1, stderr)
  assert.match(stderr, /^unspin: dict: /)
  assert.ok(!existsSync(join(dir, 'a.unspun.txt')))
})

test('a 50 MB file on one line is restored whole', {timeout: 600_000}, async () => {
  const sentence = 'The quick brown fox jumps over the lazy dog near the river bank. '
  const dir = folder({'huge.txt': sentence.repeat(Math.ceil((50 * 1024 * 1024) / sentence.length))})
  const {code, stdout, stderr} = await run([...FAST, '-q', 'huge.txt'], {cwd: dir, timeout: 540_000})
  assert.equal(code, 0, stderr)
  assert.equal(stderr, '')
  assert.equal(stdout.length, 0)
  assert.equal(statSync(join(dir, 'huge.unspun.txt')).size, statSync(join(dir, 'huge.txt')).size)
  assert.equal(sha256(join(dir, 'huge.unspun.txt')), sha256(join(dir, 'huge.txt')))
  const report = JSON.parse(readFileSync(join(dir, 'huge.unspun.json'), 'utf8'))
  assert.equal(report.input.bytes, statSync(join(dir, 'huge.txt')).size)
  assert.deepEqual(report.changes, [])
  assert.deepEqual(temporaries(dir), [])
})

test('a spun text with no sentence end nor line break (thousands of words per sentence) is restored by the default passes', async () => {
  const words = readFileSync(seed('004'), 'utf8').replace(/[.,;:!?"“”()]/g, ' ').split(/\s+/).filter(Boolean)
  const input = Array.from({length: 6}, () => words.join(' ')).join(' ') + '\n'
  const {code, stdout, stderr} = await run(['--json'], {input})
  assert.equal(code, 0, stderr)
  assert.equal(stderr, '')
  const {text, changes} = JSON.parse(stdout.toString('utf8'))
  assert.ok(changes.some((change) => change.pass === 'context' && change.applied), 'spun words restored')
  assert.ok(text.split(/\s+/).length > 0.8 * words.length * 6)
})

// ---------------------------------------------------------------------------------------------
// Options and exit codes

test('usage errors exit 2 with a message on stderr and nothing on stdout', async () => {
  const cases = [
    [['--bogus'], /bogus/],
    [['--min-confidence', '7'], /min-confidence/],
    [['--json', '--jsonl'], /--json.*--jsonl/],
    [['--passes', 'nope'], /nope/]
  ]
  for (const [args, message] of cases) {
    const {code, stdout, stderr} = await run(args, {input: 'Hello.\n'})
    assert.equal(code, 2, `unspin ${args.join(' ')}: ${stderr}`)
    assert.equal(stdout.length, 0)
    assert.match(stderr, /^unspin: /)
    assert.match(linesOf(stderr)[0], message)
  }
})

test('--version prints the package version; --help prints usage with examples', async () => {
  const version = await run(['--version'])
  assert.equal(version.code, 0)
  assert.equal(version.stdout.toString(), `${PACKAGE.version}\n`)
  assert.equal(version.stderr, '')

  const help = await run(['--help'])
  assert.equal(help.code, 0)
  assert.equal(help.stderr, '')
  const usage = help.stdout.toString()
  assert.match(usage, /unspin \[PATHS\.\.\.\]/)
  assert.match(usage, /Examples:/)
  for (const option of ['--out-dir', '--force', '--json', '--jsonl', '--field', '--min-confidence', '--passes', '--dict', '--check']) {
    assert.ok(usage.includes(option), `--help lists ${option}`)
  }
  assert.match(usage, /Exit codes/)
})

test('--json on stdin prints one object: the report and the text', async () => {
  const {code, stdout, stderr} = await run(['--json', ...FAST], {input: TORTURED})
  assert.equal(code, 0)
  assert.equal(stderr, '')
  const text = stdout.toString('utf8')
  assert.ok(text.endsWith('\n'))
  assert.equal(linesOf(text).length, 1)
  const object = JSON.parse(text)
  assert.equal(object.text, UNTORTURED)
  assert.equal(object.output, null)
  assert.equal(object.input.path, '-')
  assert.equal(object.input.bytes, Buffer.byteLength(TORTURED))
  assert.equal(object.input.sha256, createHash('sha256').update(TORTURED).digest('hex'))
  assert.equal(object.tool.version, PACKAGE.version)
  assert.deepEqual(object.counts, {phrases: {applied: 2, reported: 0}})
})

test('--json on files prints one report per line', async () => {
  const dir = folder({'a.txt': TORTURED, 'b.txt': 'Nothing to do here.\n'})
  const {code, stdout, stderr} = await run(['--json', '-q', ...FAST, 'a.txt', 'b.txt'], {cwd: dir})
  assert.equal(code, 0, stderr)
  assert.equal(stderr, '')
  const reports = linesOf(stdout.toString('utf8')).map((line) => JSON.parse(line))
  assert.deepEqual(reports.map((r) => r.input.path).sort(), ['a.txt', 'b.txt'])
  for (const report of reports) {
    const name = report.input.path.replace('.txt', '')
    assert.deepEqual(report, JSON.parse(readFileSync(join(dir, `${name}.unspun.json`), 'utf8')), 'the same report as the file')
  }
})

test('--jsonl restores the --field of each line, in order, and passes bad lines through', async () => {
  const lines = [
    JSON.stringify({id: 1, body: 'We used irregular woodland here.', keep: 'irregular woodland'}) + '\n',
    'this is not JSON\n',
    JSON.stringify({id: 3, text: 'no body field'}) + '\r\n',
    '\n',
    JSON.stringify({id: 5, body: 'Colossal information, again.'}) + '\r\n',
    JSON.stringify({id: 6, body: 'Nothing spun.'})
  ]
  const {code, stdout, stderr} = await run(['--jsonl', '--field', 'body', ...FAST], {input: lines.join('')})
  assert.equal(code, 1)
  const out = stdout.toString('utf8').split(/(?<=\n)/)
  assert.equal(out.length, lines.length, 'one output line per input line, line ends kept')
  assert.equal(out[1], lines[1])
  assert.equal(out[2], lines[2])
  assert.equal(out[3], lines[3])
  assert.ok(out[4].endsWith('}\r\n'))
  assert.ok(!out[5].endsWith('\n'))
  const records = [0, 4, 5].map((i) => JSON.parse(out[i]))
  assert.deepEqual(records.map((r) => r.id), [1, 5, 6])
  assert.equal(records[0].body, 'We used random forest here.')
  assert.equal(records[0].keep, 'irregular woodland', 'other fields untouched')
  assert.equal(records[1].body, 'Big data, again.')
  assert.equal(records[2].body, 'Nothing spun.')
  for (const record of records) {
    assert.deepEqual(Object.keys(record.unspin).sort(), ['changes', 'confidence', 'counts', 'spun'])
  }
  assert.deepEqual(records[0].unspin.changes.map((c) => [c.from, c.to, c.start.offset]), [['irregular woodland', 'random forest', 8]])
  assert.deepEqual(records[2].unspin.changes, [])
  // One stderr line per bad line, naming stdin:LINE.
  const errors = linesOf(stderr)
  assert.equal(errors.length, 2, stderr)
  assert.match(errors[0], /^unspin: stdin:2: /)
  assert.match(errors[1], /^unspin: stdin:3: .*body/)
})

test('--check: score, verdict and path per input; exit 1 when any is spun', async () => {
  const parse = (stdout) =>
    new Map(
      linesOf(stdout.toString('utf8')).map((line) => {
        const [score, verdict, path, ...rest] = line.split('\t')
        assert.equal(rest.length, 0, line)
        assert.match(score, /^[01]\.\d{3}$/)
        assert.equal(verdict, Number(score) >= 0.5 ? 'spun' : 'clean')
        return [path, verdict]
      })
    )
  const cleanPaths = ['000', '001', '002', '003'].map((n) => relative(ROOT, seed(n)))
  const clean = await run(['--check', ...cleanPaths])
  assert.equal(clean.code, 0, clean.stderr)
  assert.equal(clean.stderr, '')
  assert.deepEqual([...parse(clean.stdout)].sort(), cleanPaths.map((path) => [path, 'clean']))

  const mixed = await run(['--check', relative(ROOT, seed('003')), relative(ROOT, seed('004'))])
  assert.equal(mixed.code, 1)
  assert.equal(mixed.stderr, '')
  const verdicts = parse(mixed.stdout)
  assert.equal(verdicts.size, 2)
  assert.equal(verdicts.get(relative(ROOT, seed('003'))), 'clean')
  assert.equal(verdicts.get(relative(ROOT, seed('004'))), 'spun')
  for (const n of ['003', '004']) assert.ok(!existsSync(seed(n).replace(/\.txt$/, '.unspun.txt')), '--check writes nothing')
})

test('--dict: a user dictionary is applied; a malformed line is a usage error naming file:line', async () => {
  const input = 'She said blorp quux to everyone. Blorp quux! BLORP QUUX.\n'
  const dir = folder({
    'mine.tsv': '# spun\toriginal\tweight\tsource\nblorp quux\thello world\t0.95\tmy list\n',
    'broken.tsv': 'blorp quux\thello world\t0.95\tmy list\n\nno tab on this line\n',
    'doc.txt': input
  })
  const good = await run([...FAST, '--dict', 'mine.tsv', '--json'], {cwd: dir, input})
  assert.equal(good.code, 0, good.stderr)
  const object = JSON.parse(good.stdout.toString('utf8'))
  assert.equal(object.text, 'She said hello world to everyone. Hello world! HELLO WORLD.\n')
  assert.deepEqual(object.changes.map((c) => [c.from, c.to, c.source, c.applied]), [
    ['blorp quux', 'hello world', 'my list', true],
    ['Blorp quux', 'Hello world', 'my list', true],
    ['BLORP QUUX', 'HELLO WORLD', 'my list', true]
  ])

  // --dict takes one value: the path after it is an input, not a second dictionary.
  const file = await run([...FAST, '-q', '--dict', 'mine.tsv', 'doc.txt'], {cwd: dir})
  assert.equal(file.code, 0, file.stderr)
  assert.equal(readFileSync(join(dir, 'doc.unspun.txt'), 'utf8'), object.text)

  const broken = await run([...FAST, '--dict', 'broken.tsv'], {cwd: dir, input})
  assert.equal(broken.code, 2)
  assert.equal(broken.stdout.length, 0)
  assert.equal(linesOf(broken.stderr).length, 1, broken.stderr)
  assert.match(broken.stderr, /^unspin: broken\.tsv:3: /)
})

test('--min-confidence 1 applies nothing but reports every change unapplied', async () => {
  const input = readFileSync(seed('004'), 'utf8')
  const {code, stdout, stderr} = await run(['--min-confidence', '1', '--json'], {input})
  assert.equal(code, 0)
  assert.equal(stderr, '')
  const object = JSON.parse(stdout.toString('utf8'))
  assert.ok(object.changes.length > 0, 'seed 004 still gets proposals')
  const applied = object.changes.filter((c) => c.applied).map((c) => `${c.pass}: ${c.from} -> ${c.to} (${c.confidence})`)
  assert.deepEqual(applied.slice(0, 5), [], `${applied.length} changes applied at --min-confidence 1`)
  for (const [pass, count] of Object.entries(object.counts)) assert.equal(count.applied, 0, pass)
  assert.equal(object.text, input)
})

test('idempotence: unspin on its own output of seed 004 changes nothing more', async (t) => {
  if (restored004 === undefined) return t.skip('the stdin -> stdout test did not run')
  const {code, stdout, stderr} = await run(['--json'], {input: restored004})
  assert.equal(code, 0)
  assert.equal(stderr, '')
  const object = JSON.parse(stdout.toString('utf8'))
  const applied = object.changes.filter((c) => c.applied).map((c) => `${c.pass}: ${c.from} -> ${c.to}`)
  assert.deepEqual(applied, [], 'no change applied the second time')
  assert.equal(object.text, restored004)
})

test('idempotence over several chunks: a long spun text restored twice through stdin changes nothing the second time', async () => {
  const {spin} = await import('../scripts/spin.mjs')
  const fixtures = readdirSync(join(ROOT, 'test/fixtures/clean')).filter((name) => name.endsWith('.txt')).sort()
  const clean = fixtures.map((name) => readFileSync(join(ROOT, 'test/fixtures/clean', name), 'utf8').trim())
  const input = [1, 2, 3].flatMap((seed) => clean.map((text) => spin(text, {seed}).text.trim())).join('\n\n') + '\n'
  assert.ok(input.split(/\n\s*\n/).length > 128, 'more than two chunks of paragraphs')
  const once = await run([], {input})
  assert.equal(once.code, 0)
  const twice = await run([], {input: once.stdout.toString('utf8')})
  assert.equal(twice.code, 0)
  assert.equal(twice.stdout.toString('utf8'), once.stdout.toString('utf8'))
})

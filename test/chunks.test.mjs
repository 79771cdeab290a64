// Unit tests of the chunker (dist/io/chunks.js): chunks join back to the text exactly, respect
// their size bound, never cut a surrogate pair or a CRLF, end after blank lines where they can,
// and a ChunkSplitter fed pieces of any size keeps only an unfinished paragraph back.
// Random inputs come from a seeded generator, so a failure names a seed that replays it.
import test from 'node:test'
import assert from 'node:assert/strict'
import {createReadStream, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {ALIGN, CHUNK_PARAGRAPHS, ChunkSplitter, chunksOf, chunksOfStream, IDLE_MS, MAX_CHUNK_CHARS, MIN_CHUNK_CHARS} from '../dist/io/chunks.js'

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function random(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Pieces random texts are made of: words, sentence ends, every kind of line end and blank line,
// and characters outside the BMP (surrogate pairs), often with no space near them.
const PIECES = ['word', 'Another', ' ', ' ', '  ', '\t', '. ', '? ', '! ', '.', '\n', '\r\n', '\n\n', '\r\n\r\n', '\n  \n', '\r\n \t\r\n', '\n \n \n', '😀', '𝒜𝒝', '😀😀😀😀', 'é', '\u00A0', '“quoted”']

function randomText(next, length) {
  let text = ''
  while (text.length < length) {
    const roll = next()
    if (roll < 0.03) text += '😀'.repeat(1 + Math.floor(next() * 40)) // a long run of pairs, no space
    else if (roll < 0.05) text += 'x'.repeat(1 + Math.floor(next() * 80)) // a long word
    else text += PIECES[Math.floor(next() * PIECES.length)]
  }
  return text
}

const isHigh = (code) => code >= 0xd800 && code <= 0xdbff
const isLow = (code) => code >= 0xdc00 && code <= 0xdfff
const PARAGRAPH_END = /\r?\n[ \t]*(?:\r?\n)+/

/** Every chunk non-empty and within `max`, no cut inside a pair or a CRLF, joined = text. */
function checkChunks(chunks, text, max, where) {
  assert.equal(chunks.join(''), text, `${where}: joined chunks differ from the text`)
  let at = 0
  for (const [i, chunk] of chunks.entries()) {
    assert.ok(chunk.length > 0, `${where}: chunk ${i} is empty`)
    assert.ok(chunk.length <= max, `${where}: chunk ${i} has ${chunk.length} > ${max} characters`)
    at += chunk.length
    if (i === chunks.length - 1) break
    assert.ok(!(isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at))), `${where}: cut inside a surrogate pair at ${at}`)
    assert.ok(!(text[at - 1] === '\r' && text[at] === '\n'), `${where}: cut inside a CRLF at ${at}`)
  }
}

test('chunksOf: random texts join back exactly, within the bound, never cutting pairs or CRLFs', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const next = random(seed)
    const max = 8 + Math.floor(next() * 300)
    const text = randomText(next, Math.floor(next() * 3000))
    checkChunks(chunksOf(text, max), text, max, `seed ${seed}, max ${max}`)
  }
})

test('ChunkSplitter: random pieces give the same text; after flush() only an unfinished paragraph waits', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const next = random(seed * 7919)
    const max = 8 + Math.floor(next() * 300)
    const text = randomText(next, Math.floor(next() * 3000))
    const where = `seed ${seed}, max ${max}`
    const splitter = new ChunkSplitter(max)
    const chunks = []
    let fed = 0
    while (fed < text.length) {
      // Pieces of 0 to ~max*1.5 characters, cut anywhere (inside pairs and CRLFs too).
      const size = Math.floor(next() * next() * max * 1.5)
      chunks.push(...splitter.push(text.slice(fed, fed + size)))
      fed = Math.min(text.length, fed + size)
      const emitted = chunks.join('')
      assert.ok(text.startsWith(emitted), `${where}: chunks so far are not a prefix of the text`)
      const waiting = text.slice(emitted.length, fed)
      assert.ok(waiting.length <= max, `${where}: ${waiting.length} characters held back > ${max}`)
      if (next() < 0.3) {
        chunks.push(...splitter.flush())
        const held = text.slice(chunks.join('').length, fed)
        assert.ok(!PARAGRAPH_END.test(held), `${where}: a finished paragraph is held back after flush(): ${JSON.stringify(held)}`)
      }
    }
    chunks.push(...splitter.end())
    checkChunks(chunks, text, max, where)
    assert.deepEqual(splitter.end(), [], `${where}: end() twice gives nothing more`)
  }
})

test('a chunk ends after a blank line when paragraphs fit', () => {
  for (let seed = 1; seed <= 100; seed++) {
    const next = random(seed * 104729)
    const max = 200
    const paragraphs = []
    for (let i = 0, n = 1 + Math.floor(next() * 30); i < n; i++) {
      paragraphs.push(randomText(next, 1 + Math.floor(next() * 80)).replace(/[\r\n]/g, ' '))
    }
    const separators = ['\n\n', '\r\n\r\n', '\n  \n', '\n\t\n\n']
    const text = paragraphs.map((p) => p + separators[Math.floor(next() * separators.length)]).join('')
    for (const chunks of [chunksOf(text, max), streamed(text, max, next)]) {
      checkChunks(chunks, text, max, `seed ${seed}`)
      for (const chunk of chunks) assert.match(chunk, /\r?\n[ \t]*(?:\r?\n)+$/, `seed ${seed}: ${JSON.stringify(chunk.slice(-20))}`)
    }
  }
})

function streamed(text, max, next) {
  const splitter = new ChunkSplitter(max)
  const chunks = []
  for (let fed = 0; fed < text.length; ) {
    const size = 1 + Math.floor(next() * 50)
    chunks.push(...splitter.push(text.slice(fed, fed + size)))
    fed += size
  }
  return [...chunks, ...splitter.end()]
}

test('short paragraphs wait for more text, and flush() sends the finished ones on', () => {
  const splitter = new ChunkSplitter()
  assert.deepEqual(splitter.push('First paragraph.\n\n'), [])
  assert.deepEqual(splitter.flush(), ['First paragraph.\n\n'])
  assert.deepEqual(splitter.push('Second, unfinished'), [])
  assert.deepEqual(splitter.flush(), [])
  assert.deepEqual(splitter.push(' paragraph.\r\n\r\nThird.'), [])
  assert.deepEqual(splitter.flush(), ['Second, unfinished paragraph.\r\n\r\n'])
  assert.deepEqual(splitter.end(), ['Third.'])
})

test('an enormous line is cut into chunks of MIN_CHUNK_CHARS', () => {
  const sentences = 'The quick brown fox jumps over the lazy dog. '.repeat(30_000) + '\n' // ~1.35 M characters
  const chunks = chunksOf(sentences)
  checkChunks(chunks, sentences, MIN_CHUNK_CHARS, 'sentences')
  assert.ok(chunks.length >= Math.ceil(sentences.length / MIN_CHUNK_CHARS))
  // Cut after a sentence end when there is one in the second half of the window.
  for (const chunk of chunks.slice(0, -1)) assert.ok(chunk.endsWith('. '), JSON.stringify(chunk.slice(-10)))

  const words = 'abcdefgh '.repeat(150_000) // no sentence end: cut after white space
  for (const chunk of chunksOf(words).slice(0, -1)) assert.ok(chunk.endsWith(' '))
  checkChunks(chunksOf(words), words, MIN_CHUNK_CHARS, 'words')

  const solid = 'x'.repeat(MIN_CHUNK_CHARS * 12 + 17) // nothing to cut at: cut at the bound
  assert.deepEqual(chunksOf(solid).map((c) => c.length), [...Array(12).fill(MIN_CHUNK_CHARS), 17])

  // A line break in the window keeps the default bound; pieces of a stream are cut the same way.
  const titled = 'Title\n' + sentences
  assert.ok(chunksOf(titled)[0].length > MIN_CHUNK_CHARS)
  const line = 'Spun words in one line. '.repeat(2_000) + '\n'
  assert.deepEqual(streamed(line, 4_000, random(5)), chunksOf(line, 4_000))
  checkChunks(chunksOf(line, 4_000), line, 1_000, 'line, max 4000')
})

test('surrogate pairs and CRLFs exactly at the cut point are kept whole', () => {
  for (let max = 8; max <= 40; max++) {
    for (const prefix of ['', 'a', 'ab']) {
      const pairs = prefix + '😀'.repeat(100)
      checkChunks(chunksOf(pairs, max), pairs, max, `pairs, max ${max}, prefix ${JSON.stringify(prefix)}`)
      // The window's last unit is the \r of a CRLF, with no white space before it to cut at.
      const crlf = prefix + 'x'.repeat(max - 1 - prefix.length) + '\r\n' + 'y'.repeat(3 * max)
      checkChunks(chunksOf(crlf, max), crlf, max, `crlf, max ${max}, prefix ${JSON.stringify(prefix)}`)
    }
  }
  // Fed one code unit at a time, a pair is split between pushes: still whole in the chunks.
  const text = 'y'.repeat(15) + '😀'.repeat(20)
  const splitter = new ChunkSplitter(16)
  const chunks = text.split('').flatMap((unit) => splitter.push(unit))
  checkChunks([...chunks, ...splitter.end()], text, 16, 'unit by unit')
})

const paragraphEndsIn = (text) => text.match(new RegExp(PARAGRAPH_END.source, 'g'))?.length ?? 0

test('a whole text shorter than MIN_CHUNK_CHARS, of fewer than CHUNK_PARAGRAPHS paragraphs, is one chunk', () => {
  let tried = 0
  for (let seed = 1; seed <= 100; seed++) {
    const next = random(seed * 31)
    const text = randomText(next, Math.floor(next() * 3000))
    if (text === '' || paragraphEndsIn(text) >= CHUNK_PARAGRAPHS) continue
    tried++
    assert.deepEqual(chunksOf(text), [text], `seed ${seed}`)
  }
  assert.ok(tried > 30, `${tried} texts tried`)
  const paragraphs = 'First paragraph.\n\nSecond paragraph.\r\n\r\nThird.'
  assert.deepEqual(chunksOf(paragraphs), [paragraphs])
})

test('chunks end every CHUNK_PARAGRAPHS paragraphs, so a text restored in place is cut in the same places', () => {
  const next = random(99)
  const paragraphs = Array.from({length: 3 * CHUNK_PARAGRAPHS + 17}, () => 'Spun words here. '.repeat(1 + Math.floor(next() * 40)))
  const text = paragraphs.join('\n\n')
  const chunks = chunksOf(text)
  checkChunks(chunks, text, MAX_CHUNK_CHARS, 'paragraphs')
  assert.deepEqual(chunks.map(paragraphEndsIn), [CHUNK_PARAGRAPHS, CHUNK_PARAGRAPHS, CHUNK_PARAGRAPHS, 16])
  // the same paragraphs with other words of other lengths, fed as a stream
  const restored = paragraphs.map((p) => p.replaceAll('Spun words', 'Restored phrase words')).join('\n\n')
  assert.deepEqual(streamed(restored, MAX_CHUNK_CHARS, next).map(paragraphEndsIn), chunks.map(paragraphEndsIn))
})

test('a long text without blank lines is cut at line ends counted in ALIGNs, so a restored text is cut in the same places', () => {
  const next = random(7)
  const lines = Array.from({length: 700}, () => 'Spun words here. '.repeat(20 + Math.floor(next() * 60)))
  const text = lines.join('\n')
  const linesIn = (chunk) => chunk.split('\n').length - 1
  const chunks = chunksOf(text)
  checkChunks(chunks, text, MAX_CHUNK_CHARS, 'lines')
  assert.ok(chunks.length > 3)
  chunks.slice(0, -1).forEach((chunk, k) => {
    assert.ok(chunk.endsWith('\n'), `chunk ${k} ends at a line end`)
    const before = chunks.slice(0, k + 1).reduce((sum, c) => sum + linesIn(c), 0)
    assert.equal(before % ALIGN, 0, `chunk ${k} ends after line ${before}`)
  })
  // the same lines made 5% shorter or longer, fed as a stream
  for (const [from, to] of [['Spun words here', 'Spun word here'], ['Spun words here', 'Spun words there']]) {
    const restored = lines.map((line) => line.replaceAll(from, to)).join('\n')
    assert.deepEqual(streamed(restored, MAX_CHUNK_CHARS, next).map(linesIn), chunks.map(linesIn))
  }
})

test('chunksOfStream gives the chunks of pieces as they come', async () => {
  for (let seed = 1; seed <= 50; seed++) {
    const next = random(seed * 65537)
    const max = 8 + Math.floor(next() * 200)
    const text = randomText(next, Math.floor(next() * 2000))
    async function* pieces() {
      for (let fed = 0; fed < text.length; ) {
        const size = 1 + Math.floor(next() * max)
        yield text.slice(fed, fed + size)
        fed += size
      }
    }
    const chunks = []
    for await (const chunk of chunksOfStream(pieces(), max)) chunks.push(chunk)
    checkChunks(chunks, text, max, `seed ${seed}, max ${max}`)
  }
})

test('chunksOfStream: a stream is not taken for quiet while this thread was busy and its input waited', async () => {
  const text = Array.from({length: 3 * CHUNK_PARAGRAPHS}, (_, k) => `Paragraph ${k} of the text.`).join('\n\n') + '\n'
  const dir = mkdtempSync(join(tmpdir(), 'unspin-chunks-'))
  const file = join(dir, 'input.txt')
  writeFileSync(file, text)
  async function* pieces() {
    for await (const piece of createReadStream(file, {encoding: 'utf8', highWaterMark: text.length >> 1})) {
      // the thread is busy past IDLE_MS while the next piece is read, as when a pool starts
      setImmediate(() => {
        const until = Date.now() + 3 * IDLE_MS
        while (Date.now() < until);
      })
      yield piece
    }
  }
  try {
    const chunks = []
    for await (const chunk of chunksOfStream(pieces())) chunks.push(chunk)
    assert.deepEqual(chunks, chunksOf(text))
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
})

test('empty input gives no chunks', () => {
  assert.deepEqual(chunksOf(''), [])
  const splitter = new ChunkSplitter()
  assert.deepEqual(splitter.push(''), [])
  assert.deepEqual(splitter.end(), [])
})

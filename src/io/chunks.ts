/**
 * Cutting text into chunks of whole paragraphs, so that work and output can start before the
 * input ends and memory stays flat. A chunk ends where the text's count of paragraphs reaches a
 * multiple of CHUNK_PARAGRAPHS: restoring changes words, not paragraphs, so a restored text is cut
 * in the same places, and a second run sees the same documents and changes nothing. A group of
 * paragraphs longer than `maxChars` ends at a blank line within the bound instead; a paragraph
 * running past `maxChars` at a line end, else after a sentence end, else after white space, else
 * anywhere (never inside a surrogate pair or a CRLF). Those cuts fall by size, so they prefer
 * the blank lines and line ends whose count from the start of the text is a multiple of ALIGN:
 * a restored text, a little longer or shorter, then mostly gets the same cuts. Where the first
 * `maxChars` characters hold no line break (but one that ends the text), the cut comes within
 * `minChars` instead: the text is cut inside a line anyway, and a chunk takes a worker memory in
 * proportion to its length.
 * Files and streams are cut the same way, so both give the same output; a stream that goes
 * quiet has its finished paragraphs sent on at once. Joining the chunks gives back the text.
 */

/**
 * A chunk's length at most, when its paragraphs run long (and where a line runs past it, at
 * least): a worker's peak heap grows with it. 256 KB needed twice the heap for the same speed.
 */
export const MAX_CHUNK_CHARS = 128 * 1024
export const MIN_CHUNK_CHARS = 32 * 1024
/** Paragraphs per chunk: about 45 kB of news or speeches (100: +10% CPU and +20-35 MB peak on spun text). */
export const CHUNK_PARAGRAPHS = 64
/** A stream that sends nothing for this long has its finished paragraphs restored at once. */
export const IDLE_MS = 50
/** A wait for input that ends this late ended because this thread was busy, not the stream quiet. */
const LATE_MS = IDLE_MS + 10
/**
 * Cuts by size prefer paragraph and line ends whose count from the start is a multiple of this:
 * far enough apart (about 50 KB of one-paragraph-per-line text) that restoring, which makes a text
 * a few percent shorter or longer, seldom moves a cut past one (8: a second run over 0.5 MB of
 * such spun text still changed 18 words, 64: none).
 */
export const ALIGN = 64

const PARAGRAPH_END = /\r?\n[ \t]*(?:\r?\n)+/g

export class ChunkSplitter {
  private pending = ''
  /** Paragraph ends in the chunks given so far. */
  private paragraphs = 0
  /** Line ends in the chunks given so far. */
  private lines = 0

  constructor(
    private readonly maxChars = MAX_CHUNK_CHARS,
    private readonly minChars = Math.min(MIN_CHUNK_CHARS, Math.floor(maxChars / 4))
  ) {}

  /** Add text; returns the chunks it completes. */
  push(text: string): string[] {
    this.pending += text
    return this.cuts(false)
  }

  /** The finished paragraphs held back, for a stream that went quiet. */
  flush(): string[] {
    const end = lastParagraphEnd(this.pending)
    return end === 0 ? [] : [this.take(end)]
  }

  /** The rest, once the input has ended. */
  end(): string[] {
    const chunks = this.cuts(true)
    if (this.pending !== '') chunks.push(this.take(this.pending.length))
    return chunks
  }

  /** The chunks the text held so far completes; `final` once no more text comes. */
  private cuts(final: boolean): string[] {
    const chunks: string[] = []
    for (let cut = this.nextCut(final); cut > 0; cut = this.nextCut(final)) chunks.push(this.take(cut))
    return chunks
  }

  /** Where the next chunk ends, -1 while more text may decide it. */
  private nextCut(final: boolean): number {
    const wanted = CHUNK_PARAGRAPHS - (this.paragraphs % CHUNK_PARAGRAPHS)
    const ends = paragraphEnds(this.pending, this.maxChars, wanted, final)
    if (ends.length === wanted) return ends[wanted - 1]
    const limit = this.limitOf(this.pending)
    if (this.pending.length <= (final ? limit : this.maxChars)) return -1
    if (ends.length > 0) return aligned(ends, this.paragraphs, limit / 4) ?? ends[ends.length - 1]
    const lineEnds = lineEndsWithin(this.pending, limit)
    const lastLineEnd = lineEnds.at(-1) ?? 0
    return aligned(lineEnds, this.lines, limit / 4) ?? (lastLineEnd > limit / 2 ? lastLineEnd : cutPoint(this.pending, limit))
  }

  /** The first `length` characters held, as a chunk. */
  private take(length: number): string {
    const chunk = this.pending.slice(0, length)
    this.pending = this.pending.slice(length)
    PARAGRAPH_END.lastIndex = 0
    for (const _ of chunk.matchAll(PARAGRAPH_END)) this.paragraphs++
    for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', at + 1)) this.lines++
    return chunk
  }

  /** The most characters a chunk cut from the start of `text` holds (see above). */
  private limitOf(text: string): number {
    return text.lastIndexOf('\n', Math.min(text.length, this.maxChars) - 2) < 0 ? this.minChars : this.maxChars
  }
}

/** The chunks of a whole text. */
export function chunksOf(text: string, maxChars = MAX_CHUNK_CHARS): string[] {
  const splitter = new ChunkSplitter(maxChars)
  return [...splitter.push(text), ...splitter.end()]
}

/** The chunks of a text arriving in pieces; when no piece comes for IDLE_MS, finished paragraphs go on. */
export async function* chunksOfStream(pieces: AsyncIterable<string>, maxChars = MAX_CHUNK_CHARS): AsyncGenerator<string> {
  const splitter = new ChunkSplitter(maxChars)
  const iterator = pieces[Symbol.asyncIterator]()
  let next = iterator.next()
  for (;;) {
    const result = await pieceOrIdle(next)
    if (result === 'idle') {
      yield* splitter.flush()
      await next.then(() => undefined, () => undefined) // wait for input without spinning
      continue
    }
    if (result.done) break
    yield* splitter.push(result.value)
    next = iterator.next()
  }
  yield* splitter.end()
}

/** The next piece, or 'idle' where none comes for IDLE_MS while this thread is free. */
async function pieceOrIdle<T>(next: Promise<T>): Promise<T | 'idle'> {
  for (;;) {
    const waited = Date.now()
    let timer: NodeJS.Timeout | undefined
    let result = await Promise.race([next, new Promise<'idle'>((resolve) => (timer = setTimeout(() => resolve('idle'), IDLE_MS)))])
    clearTimeout(timer)
    // input read meanwhile is handed over after timers: it gets one more turn of the event loop
    if (result === 'idle') result = await Promise.race([next, new Promise<'idle'>((resolve) => setImmediate(() => resolve('idle')))])
    // and a wait that ended late ended because this thread was busy (starting workers reads the
    // data files), not because the stream went quiet: its input gets a fair wait again
    if (result !== 'idle' || Date.now() - waited <= LATE_MS) return result
  }
}

/**
 * Where the first `wanted` paragraph ends within `limit` end; one that ends the text only if it
 * is `final` (else the blank-line run may still grow).
 */
function paragraphEnds(text: string, limit: number, wanted: number, final: boolean): number[] {
  const ends: number[] = []
  PARAGRAPH_END.lastIndex = 0
  for (const match of text.matchAll(PARAGRAPH_END)) {
    const end = match.index + match[0].length
    if (end > limit || (end === text.length && !final)) break
    if (ends.push(end) === wanted) break
  }
  return ends
}

function lastParagraphEnd(text: string): number {
  PARAGRAPH_END.lastIndex = 0 // matchAll starts where the shared expression last stopped
  let end = 0
  for (const match of text.matchAll(PARAGRAPH_END)) end = match.index + match[0].length
  return end
}

/**
 * The last of `ends` (offsets of the ends of numbered things: paragraphs, lines) past `least`
 * whose number counted from the start of the text is a multiple of ALIGN; `before` of them came
 * earlier.
 */
function aligned(ends: number[], before: number, least: number): number | undefined {
  for (let k = ends.length - 1; k >= 0 && ends[k] > least; k--) if ((before + k + 1) % ALIGN === 0) return ends[k]
  return undefined
}

/** Offsets just after each line end within the first `limit` characters. */
function lineEndsWithin(text: string, limit: number): number[] {
  const ends: number[] = []
  for (let at = text.indexOf('\n'); at >= 0 && at < limit; at = text.indexOf('\n', at + 1)) ends.push(at + 1)
  return ends
}

/** Where to cut a paragraph that runs past `maxChars`. */
function cutPoint(text: string, maxChars: number): number {
  const window = text.slice(0, maxChars)
  const sentenceEnd = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! '))
  if (sentenceEnd > maxChars / 2) return sentenceEnd + 2
  const space = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\n'))
  if (space > maxChars / 2) return space + 1
  let cut = maxChars
  const code = text.charCodeAt(cut - 1)
  if ((code >= 0xd800 && code <= 0xdbff) || (text[cut - 1] === '\r' && text[cut] === '\n')) cut--
  return Math.max(1, cut)
}

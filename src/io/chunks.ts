/**
 * Cutting text into chunks of whole paragraphs, so that work and output can start before the
 * input ends and memory stays flat. A chunk gathers paragraphs until it holds at least
 * `minChars`, then ends after a blank line; a paragraph running past `maxChars` is cut after a
 * sentence end, else after white space, else anywhere (never inside a surrogate pair or a CRLF).
 * Where the first `maxChars` characters hold no line break (but one that ends the text), the cut
 * comes within `minChars` instead: the text is cut inside a line anyway, and a chunk takes a
 * worker memory in proportion to its length.
 * Files and streams are cut the same way, so both give the same output; a stream that goes
 * quiet has its finished paragraphs sent on at once. Joining the chunks gives back the text.
 */

export const MIN_CHUNK_CHARS = 64 * 1024
export const MAX_CHUNK_CHARS = 256 * 1024
/** A stream that sends nothing for this long has its finished paragraphs restored at once. */
export const IDLE_MS = 50

const PARAGRAPH_END = /\r?\n[ \t]*(?:\r?\n)+/g

export class ChunkSplitter {
  private pending = ''

  constructor(
    private readonly maxChars = MAX_CHUNK_CHARS,
    private readonly minChars = Math.min(MIN_CHUNK_CHARS, Math.floor(maxChars / 4))
  ) {}

  /** Add text; returns the chunks it completes. */
  push(text: string): string[] {
    this.pending += text
    const chunks: string[] = []
    while (this.pending.length >= this.minChars) {
      const end = firstParagraphEnd(this.pending, this.minChars, this.maxChars)
      if (end < 0 && this.pending.length <= this.maxChars) break
      const cut = end >= 0 ? end : cutPoint(this.pending, this.limitOf(this.pending))
      chunks.push(this.pending.slice(0, cut))
      this.pending = this.pending.slice(cut)
    }
    return chunks
  }

  /** The finished paragraphs held back, for a stream that went quiet. */
  flush(): string[] {
    const end = lastParagraphEnd(this.pending)
    if (end === 0) return []
    const chunk = this.pending.slice(0, end)
    this.pending = this.pending.slice(end)
    return [chunk]
  }

  /** The rest, once the input has ended. */
  end(): string[] {
    const chunks: string[] = []
    while (this.pending.length > this.limitOf(this.pending)) {
      const cut = cutPoint(this.pending, this.limitOf(this.pending))
      chunks.push(this.pending.slice(0, cut))
      this.pending = this.pending.slice(cut)
    }
    if (this.pending !== '') chunks.push(this.pending)
    this.pending = ''
    return chunks
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
    let timer: NodeJS.Timeout | undefined
    const idle = new Promise<'idle'>((resolve) => (timer = setTimeout(() => resolve('idle'), IDLE_MS)))
    const result = await Promise.race([next, idle])
    clearTimeout(timer)
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

/** The end of the first paragraph end at or after `from`, if within `limit`; else -1. */
function firstParagraphEnd(text: string, from: number, limit: number): number {
  PARAGRAPH_END.lastIndex = Math.max(0, from - 4)
  const match = PARAGRAPH_END.exec(text)
  if (!match) return -1
  const end = match.index + match[0].length
  // A blank-line run at the very end may still grow: wait for the text after it.
  if (end === text.length) return -1
  return end <= limit ? end : -1
}

function lastParagraphEnd(text: string): number {
  PARAGRAPH_END.lastIndex = 0 // matchAll starts where the shared expression last stopped
  let end = 0
  for (const match of text.matchAll(PARAGRAPH_END)) end = match.index + match[0].length
  return end
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

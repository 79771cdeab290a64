/**
 * Cutting text into chunks of whole paragraphs, so that work and output can start before the
 * input ends and memory stays flat. A chunk ends after a blank line; a paragraph longer than
 * `maxChars` is cut after a sentence end, else after white space, else anywhere (never inside
 * a surrogate pair or a CRLF). Joining the chunks gives back the text exactly.
 */

export const MAX_CHUNK_CHARS = 256 * 1024

const PARAGRAPH_END = /\r?\n[ \t]*(?:\r?\n)+/g

export class ChunkSplitter {
  private pending = ''

  constructor(private readonly maxChars = MAX_CHUNK_CHARS) {}

  /** Add text; returns the chunks it completes. */
  push(text: string): string[] {
    this.pending += text
    const chunks: string[] = []
    const end = lastParagraphEnd(this.pending)
    if (end > 0) {
      chunks.push(...cutLong(this.pending.slice(0, end), this.maxChars))
      this.pending = this.pending.slice(end)
    }
    while (this.pending.length > this.maxChars) {
      const cut = cutPoint(this.pending, this.maxChars)
      chunks.push(this.pending.slice(0, cut))
      this.pending = this.pending.slice(cut)
    }
    return chunks
  }

  /** The rest, once the input has ended. */
  end(): string[] {
    const rest = this.pending
    this.pending = ''
    return rest === '' ? [] : cutLong(rest, this.maxChars)
  }
}

/** The chunks of a whole text: the text itself when it is short enough to be one. */
export function chunksOf(text: string, maxChars = MAX_CHUNK_CHARS): string[] {
  return text === '' ? [] : cutLong(text, maxChars)
}

/** Chunks of a text arriving in pieces of any size. */
export async function* chunksOfStream(pieces: AsyncIterable<string> | Iterable<string>, maxChars = MAX_CHUNK_CHARS): AsyncGenerator<string> {
  const splitter = new ChunkSplitter(maxChars)
  for await (const piece of pieces) yield* splitter.push(piece)
  yield* splitter.end()
}

function lastParagraphEnd(text: string): number {
  let end = 0
  PARAGRAPH_END.lastIndex = 0
  for (const match of text.matchAll(PARAGRAPH_END)) end = match.index + match[0].length
  return end
}

/** Split at paragraph ends into pieces no longer than `maxChars` where possible. */
function cutLong(text: string, maxChars: number): string[] {
  const pieces: string[] = []
  let rest = text
  while (rest.length > maxChars) {
    const window = rest.slice(0, maxChars)
    const paragraph = lastParagraphEnd(window)
    const cut = paragraph > 0 ? paragraph : cutPoint(rest, maxChars)
    pieces.push(rest.slice(0, cut))
    rest = rest.slice(cut)
  }
  if (rest !== '') pieces.push(rest)
  return pieces
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
  return cut
}

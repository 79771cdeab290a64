/**
 * A sentence seen as the words a pass reasons about, and the one way passes change it:
 * replacing a run of words with new text whose nodes take the span of what they replaced,
 * so positions stay in input coordinates.
 */
import type {Nodes, Root, Sentence, SentenceContent, Word} from 'nlcst'
import type {Position} from 'unist'
import {toString} from 'nlcst-to-string'

export interface Token {
  node: Word
  /** The node's index among the sentence's children. */
  index: number
  /** The word as written, with curly apostrophes made straight. */
  text: string
  lower: string
}

/**
 * The sentences of a tree in document order, as visit(tree, 'SentenceNode') finds them, without
 * walking into them: sentences hold no sentences, and their words are most of the tree.
 */
export function sentencesOf(tree: Root): Sentence[] {
  const sentences: Sentence[] = []
  const walk = (node: Nodes): void => {
    if (node.type === 'SentenceNode') sentences.push(node)
    else if ('children' in node) node.children.forEach(walk)
  }
  walk(tree)
  return sentences
}

/** Words as the language model counts them: hyphenated words count as their parts. */
export function wordsOf(text: string): string[] {
  return text.split(/[\s-]+/).filter(Boolean)
}

export function tokensOf(sentence: Sentence): Token[] {
  const tokens: Token[] = []
  sentence.children.forEach((node, index) => {
    if (node.type !== 'WordNode') return
    const text = toString(node).replace(/’/g, "'")
    tokens.push({node, index, text, lower: text.toLowerCase()})
  })
  return tokens
}

/** Whether only white space (no punctuation, no line break) stands between two tokens. */
export function joined(sentence: Sentence, left: Token, right: Token): boolean {
  for (let i = left.index + 1; i < right.index; i++) {
    const node = sentence.children[i]
    if (node.type !== 'WhiteSpaceNode' || /[\r\n]/.test(node.value)) return false
  }
  return right.index > left.index
}

/** The text of tokens `first..last` (inclusive), spacing and all. */
export function spanText(sentence: Sentence, tokens: Token[], first: number, last: number): string {
  return sentence.children
    .slice(tokens[first].index, tokens[last].index + 1)
    .map((node) => toString(node))
    .join('')
}

export function spanPosition(tokens: Token[], first: number, last: number): Position | undefined {
  const start = tokens[first].node.position?.start
  const end = tokens[last].node.position?.end
  return start && end ? {start, end} : undefined
}

/**
 * Replace tokens `first..last` (inclusive) and what stands between them with `text`.
 * Every new node carries the span of the replaced run.
 */
export function replaceSpan(sentence: Sentence, tokens: Token[], first: number, last: number, text: string): void {
  const position = spanPosition(tokens, first, last)
  const nodes: SentenceContent[] = []
  text.split(/( +)/).forEach((part, i) => {
    if (part === '') return
    if (i % 2 === 1) nodes.push({type: 'WhiteSpaceNode', value: part, position})
    else nodes.push(wordNode(part, position))
  })
  sentence.children.splice(tokens[first].index, tokens[last].index - tokens[first].index + 1, ...nodes)
}

/** A word node for `text`, hyphens and apostrophes as punctuation, as retext-english parses them. */
function wordNode(text: string, position: Position | undefined): Word {
  const children: Word['children'] = []
  for (const part of text.split(/([-'’])/)) {
    if (part === '') continue
    children.push(/^[-'’]$/.test(part) ? {type: 'PunctuationNode', value: part, position} : {type: 'TextNode', value: part, position})
  }
  return {type: 'WordNode', children, position}
}

/**
 * Topics: how much likelier a word is in the documents most like a text than in English at
 * large. A spinner's synonyms are drawn without regard to the subject ("ontogeny" in a budget
 * speech), the author's words are not, so an original that fits the subject better than the word
 * it would replace is likelier.
 *
 * Reads corpus/topics/brown.topics (scripts/build-topics.mjs: word counts of the 500 documents of
 * the Brown corpus, format described there). A text's documents are found by tf-idf cosine over
 * content words, those the language model finds rarer than CONTENT_LOGPROB; a word's probability
 * there is each found document's count, smoothed towards the model's unigram (Dirichlet prior
 * SMOOTHING), weighted by similarity.
 */
import {dataBytes} from './data.js'
import {defaultModel, type NgramModel} from './lm.js'

/** Words commoner than this (log10 unigram; the 130 or so commonest) say nothing of a subject. */
const CONTENT_LOGPROB = -3
/** Documents a text's topic is drawn from. */
const DOCUMENTS = 25
/** Weight of the unigram prior in a document's word probabilities, in words. */
const SMOOTHING = 2000

const MAGIC = 'UNSPTOP1'
const HEADER_BYTES = 28

/** log10 P(word | the text's subject) - log10 P(word), by model id; 0 for words that are no content. */
export type Lift = (id: number) => number

/** The content words of the corpus: what indexes them, and the documents' lengths. */
interface Index {
  /** Topic word of each model id, -1 where the corpus lacks it or it is no content word. */
  wordOf: Int32Array
  /** Postings per topic word: the documents it occurs in and how often (CSR). */
  postingStart: Int32Array
  postingDocument: Uint16Array
  postingCount: Uint16Array
  idf: Float64Array
  /** Words of each document the model knows. */
  lengths: Float64Array
  /** Euclidean norm of each document's tf-idf vector over content words. */
  norms: Float64Array
}

export class TopicModel {
  /** The vocabulary's UTF-8 bytes ("\n" between words): read only to index it. */
  private readonly vocabulary: Uint8Array
  private readonly wordCount: number
  private readonly documentStart: Uint32Array
  private readonly entryWord: Uint16Array
  private readonly entryCount: Uint16Array
  private index: Index | undefined

  constructor(
    bytes: Uint8Array,
    private readonly model: NgramModel
  ) {
    if (Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).toString('latin1') !== MAGIC) throw new Error('topics: not an unspin topics file')
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const [version, words, documents, entries, vocabularyBytes] = [8, 12, 16, 20, 24].map((at) => view.getUint32(at, true))
    if (version !== 1) throw new Error(`topics: version ${version}, expected 1`)
    this.wordCount = words
    this.vocabulary = new Uint8Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES, vocabularyBytes)
    let at = bytes.byteOffset + HEADER_BYTES + Math.ceil(vocabularyBytes / 4) * 4
    this.documentStart = new Uint32Array(bytes.buffer, at, documents + 1)
    at += 4 * (documents + 1)
    this.entryWord = new Uint16Array(bytes.buffer, at, entries)
    this.entryCount = new Uint16Array(bytes.buffer, at + 2 * entries, entries)
  }

  static load(): TopicModel {
    return new TopicModel(dataBytes('topics'), defaultModel())
  }

  get documents(): number {
    return this.documentStart.length - 1
  }

  /** The lift of words in the subject of a text given as model ids; 0 everywhere if nothing in it is content. */
  lift(textIds: readonly number[]): Lift {
    const index = (this.index ??= this.indexed())
    const bag = new Map<number, number>()
    for (const id of textIds) {
      const word = this.isContent(id) ? index.wordOf[id] : -1
      if (word >= 0) bag.set(word, (bag.get(word) ?? 0) + 1)
    }
    const found = this.similar(bag, index)
    if (found.length === 0) return () => 0
    // P(word | subject) = sum over the found documents d of weight_d (count_d + SMOOTHING P) / (length_d + SMOOTHING)
    const counted = new Map<number, number>()
    let priorWeight = 0
    for (const {document, weight} of found) {
      const share = weight / (index.lengths[document] + SMOOTHING)
      priorWeight += share * SMOOTHING
      for (let e = this.documentStart[document]; e < this.documentStart[document + 1]; e++) {
        counted.set(this.entryWord[e], (counted.get(this.entryWord[e]) ?? 0) + share * this.entryCount[e])
      }
    }
    return (id) => {
      if (!this.isContent(id)) return 0
      // a word no Brown document holds gets the prior alone, as one these documents lack
      const count = counted.get(index.wordOf[id]) ?? 0
      const prior = Math.pow(10, this.model.unigram(id))
      return Math.log10((count + priorWeight * prior) / prior)
    }
  }

  /** Whether a model id is a content word: known to the model, and rarer than CONTENT_LOGPROB. */
  private isContent(id: number): boolean {
    return id >= 0 && id < this.model.size && id !== this.model.unk && this.model.unigram(id) <= CONTENT_LOGPROB
  }

  /** The DOCUMENTS most like a bag of content words, by tf-idf cosine, with weights summing to 1. */
  private similar(bag: Map<number, number>, index: Index): {document: number; weight: number}[] {
    const dots = new Float64Array(this.documents)
    let norm = 0
    for (const [word, count] of bag) {
      const idf = index.idf[word]
      norm += (count * idf) ** 2
      for (let p = index.postingStart[word]; p < index.postingStart[word + 1]; p++) dots[index.postingDocument[p]] += count * index.postingCount[p] * idf * idf
    }
    const ranked = [...dots]
      .map((dot, document) => ({document, similarity: dot / Math.sqrt(index.norms[document] * index.norms[document] * norm || 1)}))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, DOCUMENTS)
    const total = ranked.reduce((sum, r) => sum + r.similarity, 0)
    return total > 0 ? ranked.map(({document, similarity}) => ({document, weight: similarity / total})) : []
  }

  /** Postings and norms over the content words, made on first use. */
  private indexed(): Index {
    const {model, documentStart, entryWord, entryCount} = this
    const words = Buffer.from(this.vocabulary.buffer, this.vocabulary.byteOffset, this.vocabulary.length).toString('utf8').split('\n')
    if (words.length !== this.wordCount) throw new Error('topics: the vocabulary does not match its header')
    const topicWord = Int32Array.from(words, (word) => {
      const id = model.id(word)
      return id === model.unk ? -1 : id
    })
    const wordOf = new Int32Array(model.size).fill(-1)
    topicWord.forEach((id, word) => {
      if (id >= 0 && model.unigram(id) <= CONTENT_LOGPROB) wordOf[id] = word
    })
    const content = (word: number) => topicWord[word] >= 0 && wordOf[topicWord[word]] === word
    const lengths = new Float64Array(this.documents)
    const postingStart = new Int32Array(words.length + 1)
    for (let d = 0; d < this.documents; d++) {
      for (let e = documentStart[d]; e < documentStart[d + 1]; e++) {
        if (topicWord[entryWord[e]] >= 0) lengths[d] += entryCount[e]
        if (content(entryWord[e])) postingStart[entryWord[e] + 1]++
      }
    }
    for (let word = 0; word < words.length; word++) postingStart[word + 1] += postingStart[word]
    const postingDocument = new Uint16Array(postingStart[words.length])
    const postingCount = new Uint16Array(postingStart[words.length])
    const filled = postingStart.slice(0, words.length)
    for (let d = 0; d < this.documents; d++) {
      for (let e = documentStart[d]; e < documentStart[d + 1]; e++) {
        if (!content(entryWord[e])) continue
        const p = filled[entryWord[e]]++
        postingDocument[p] = d
        postingCount[p] = entryCount[e]
      }
    }
    const idf = Float64Array.from({length: words.length}, (_, word) => Math.log(this.documents / (1 + postingStart[word + 1] - postingStart[word])))
    const norms = new Float64Array(this.documents)
    for (let word = 0; word < words.length; word++) {
      for (let p = postingStart[word]; p < postingStart[word + 1]; p++) norms[postingDocument[p]] += (postingCount[p] * idf[word]) ** 2
    }
    norms.forEach((squared, d) => (norms[d] = Math.sqrt(squared)))
    return {wordOf, postingStart, postingDocument, postingCount, idf, lengths, norms}
  }
}

let singleton: TopicModel | undefined

/** The bundled topic model, loaded on first use and shared for the process. */
export function defaultTopics(): TopicModel {
  singleton ??= TopicModel.load()
  return singleton
}

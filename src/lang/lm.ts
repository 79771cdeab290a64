/**
 * Runtime reader for the trigram language model in corpus/lm/en-us.lm.u16.
 *
 * The file is built by scripts/build-lm.mjs from the CMU Sphinx US-English
 * model (Debian package pocketsphinx-en-us, BSD-2; see corpus/README.md and
 * corpus/lm/LICENSE). It is a forward trie stored as little-endian typed-array
 * sections, so loading is a single readFileSync plus typed-array views:
 *
 *   header (64 bytes): "UNSPNLM1", u32 version, vocab V, bigrams B,
 *     trigrams T, unk id, bos id, eos id, vocab byte length, codebook size K
 *   then, each section padded to a multiple of 8 bytes:
 *     f32[3K]   codebooks: bigram log10 prob, bigram log10 backoff, trigram log10 prob
 *     f32[V]    unigram log10 prob
 *     f32[V]    unigram log10 backoff
 *     u32[V+1]  uniStart: bigrams with first word w are [uniStart[w], uniStart[w+1])
 *     u32[B+1]  bigStart: trigrams extending bigram b are [bigStart[b], bigStart[b+1])
 *     u16[B]    bigWord: second word of each bigram (sorted within its range)
 *     u16[T]    triWord: third word of each trigram (sorted within its range)
 *     u8[B]     bigram prob code, u8[B] bigram backoff code, u8[T] trigram prob code
 *     utf-8     vocabulary, words (without tabs) joined by "\n", in id order
 *
 * Probabilities follow ARPA/Katz backoff semantics and are log10.
 */
import { readFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { builtDataBytes, dataBytes, dataPath } from './data.js';
import { KeyIndex, keyEnd } from './keys.js';

const MAGIC = 'UNSPNLM1';
const FORMAT_VERSION = 1;
const HEADER_BYTES = 64;

const align8 = (n: number): number => (n + 7) & ~7;

export class NgramModel {
  /** Vocabulary size, including <unk>, <s> and </s>. */
  readonly size: number;
  readonly bos: number;
  readonly eos: number;
  readonly unk: number;
  readonly bigramCount: number;
  readonly trigramCount: number;

  private readonly uniProb: Float32Array;
  private readonly uniBo: Float32Array;
  private readonly uniStart: Uint32Array;
  private readonly bigStart: Uint32Array;
  private readonly bigWord: Uint16Array;
  private readonly triWord: Uint16Array;
  private readonly bigProb: Uint8Array;
  private readonly bigBo: Uint8Array;
  private readonly triProb: Uint8Array;
  private readonly cbBigProb: Float32Array;
  private readonly cbBigBo: Float32Array;
  private readonly cbTriProb: Float32Array;
  /** The vocabulary in place in the file: a Map of its 65k words took ~4.5 MB of heap in every thread. */
  private readonly vocab: Buffer;
  /** Word id by word; the value of a slot is the id. */
  private readonly ids: KeyIndex;
  /** Where word w starts in `vocab` (and word w + 1 one byte after its end). */
  private readonly wordStarts: Uint32Array;

  // Two one-entry memos for bigram lookups: consecutive calls along a
  // sentence look up (w1,w2) then (w2,w3), and the next call's context is the
  // previous call's backoff bigram.
  private memoA1 = -1;
  private memoA2 = -1;
  private memoAIdx = -1;
  private memoB1 = -1;
  private memoB2 = -1;
  private memoBIdx = -1;

  /** A model over a model file's bytes; `keys`: its vocabulary's key table saved by `npm run build` (src/lang/keys.ts). */
  private constructor(data: Uint8Array, keys?: Uint8Array) {
    // Typed-array views need aligned offsets; copy if the buffer is not 8-aligned.
    if (data.byteOffset % 8 !== 0) data = new Uint8Array(data);
    const buf = data.buffer;
    const base = data.byteOffset;
    const dv = new DataView(buf, base, data.byteLength);
    let magic = '';
    for (let i = 0; i < MAGIC.length; i++) magic += String.fromCharCode(dv.getUint8(i));
    if (magic !== MAGIC) throw new Error('not an unspin language model file');
    const u32 = (i: number): number => dv.getUint32(8 + 4 * i, true);
    const version = u32(0);
    if (version !== FORMAT_VERSION) throw new Error(`unsupported language model version ${version}`);
    const V = u32(1);
    const B = u32(2);
    const T = u32(3);
    this.unk = u32(4);
    this.bos = u32(5);
    this.eos = u32(6);
    const vocabBytes = u32(7);
    const K = u32(8);
    this.size = V;
    this.bigramCount = B;
    this.trigramCount = T;

    let off = HEADER_BYTES;
    const take = (bytes: number): number => {
      const at = off;
      off += align8(bytes);
      if (off > data.byteLength + 7) throw new Error('language model file is truncated');
      return base + at;
    };
    const cb = new Float32Array(buf, take(12 * K), 3 * K);
    this.cbBigProb = cb.subarray(0, K);
    this.cbBigBo = cb.subarray(K, 2 * K);
    this.cbTriProb = cb.subarray(2 * K, 3 * K);
    this.uniProb = new Float32Array(buf, take(4 * V), V);
    this.uniBo = new Float32Array(buf, take(4 * V), V);
    this.uniStart = new Uint32Array(buf, take(4 * (V + 1)), V + 1);
    this.bigStart = new Uint32Array(buf, take(4 * (B + 1)), B + 1);
    this.bigWord = new Uint16Array(buf, take(2 * B), B);
    this.triWord = new Uint16Array(buf, take(2 * T), T);
    this.bigProb = new Uint8Array(buf, take(B), B);
    this.bigBo = new Uint8Array(buf, take(B), B);
    this.triProb = new Uint8Array(buf, take(T), T);
    const vocabAt = take(vocabBytes);
    if (off !== align8(data.byteLength)) throw new Error('language model file has an unexpected size');
    if (this.uniStart[V] !== B || this.bigStart[B] !== T) throw new Error('language model file is inconsistent');

    this.vocab = Buffer.from(buf, vocabAt, vocabBytes);
    this.wordStarts = new Uint32Array(V + 1);
    const saved = keys && KeyIndex.saved(this.vocab, keys, dataPath('lmKeys'));
    this.ids = saved ?? new KeyIndex(this.vocab, V);
    if (saved) this.placeWords();
    else this.indexWords();
  }

  /** Whether the vocabulary's key table came from `npm run build` (it saves start-up time). */
  get keysFromBuild(): boolean {
    return this.ids.fromBuild;
  }

  /** The vocabulary's key table, for the saved tables of `npm run build`. */
  savedKeys(): Uint8Array {
    return this.ids.save();
  }

  /** Fills `wordStarts` from a saved key table. */
  private placeWords(): void {
    if (this.ids.size !== this.size) throw new Error('language model vocabulary size mismatch');
    this.ids.forEach((start, w) => (this.wordStarts[w] = start));
    this.wordStarts[this.size] = this.vocab.length + 1;
  }

  /** Fills `ids` and `wordStarts` from the vocabulary, words joined by "\n" in id order. */
  private indexWords(): void {
    let start = 0;
    for (let w = 0; w < this.size; w++) {
      if (start > this.vocab.length) throw new Error('language model vocabulary size mismatch');
      const end = keyEnd(this.vocab, start);
      if (end < this.vocab.length && this.vocab[end] !== 0x0a) throw new Error('language model vocabulary holds a tab');
      this.ids.add(start, end, w);
      this.wordStarts[w] = start;
      start = end + 1;
    }
    if (start !== this.vocab.length + 1) throw new Error('language model vocabulary size mismatch');
    this.wordStarts[this.size] = start;
  }

  /** Load a model file (default: corpus/lm/en-us.lm.u16 of this package, its bytes shared by every thread). */
  static load(path?: string): NgramModel {
    return path === undefined ? new NgramModel(dataBytes('lm'), builtDataBytes('lmKeys')) : new NgramModel(readFileSync(path));
  }

  /** Word id; case-insensitive (and ’ is read as '); unknown words give `unk`. */
  id(word: string): number {
    let slot = this.ids.find(word);
    if (slot < 0) {
      const norm = word.toLowerCase().replace(/\u2019/g, "'");
      if (norm !== word) slot = this.ids.find(norm);
    }
    return slot < 0 ? this.unk : this.ids.value(slot);
  }

  /** True when the word is in the vocabulary (not mapped to <unk>). */
  has(word: string): boolean {
    return this.id(word) !== this.unk;
  }

  /** The word for an id (for debugging and display). */
  word(id: number): string {
    if (!Number.isInteger(id) || id < 0 || id >= this.size) return '<unk>';
    return this.vocab.toString('utf8', this.wordStarts[id], this.wordStarts[id + 1] - 1);
  }

  /** log10 P(word). */
  unigram(word: number): number {
    return word >= 0 && word < this.size ? this.uniProb[word]! : this.uniProb[this.unk]!;
  }

  /**
   * log10 P(w3 | w1 w2) with ARPA/Katz backoff. Pass -1 for a missing context
   * word (w1 = -1: bigram estimate; w2 = -1: unigram estimate). Ids outside the
   * vocabulary are treated as <unk>.
   */
  logProb(w1: number, w2: number, w3: number): number {
    const V = this.size;
    if (!(w3 >= 0 && w3 < V)) w3 = this.unk;
    if (!(w2 >= 0 && w2 < V)) return this.uniProb[w3]!;
    let bo = 0;
    if (w1 >= 0 && w1 < V) {
      let b: number;
      if (w1 === this.memoA1 && w2 === this.memoA2) b = this.memoAIdx;
      else if (w1 === this.memoB1 && w2 === this.memoB2) b = this.memoBIdx;
      else {
        b = this.findBigram(w1, w2);
        this.memoA1 = w1;
        this.memoA2 = w2;
        this.memoAIdx = b;
      }
      if (b >= 0) {
        const t = search(this.triWord, this.bigStart[b]!, this.bigStart[b + 1]!, w3);
        if (t >= 0) return this.cbTriProb[this.triProb[t]!]!;
        bo = this.cbBigBo[this.bigBo[b]!]!;
      }
    }
    let b2: number;
    if (w2 === this.memoB1 && w3 === this.memoB2) b2 = this.memoBIdx;
    else if (w2 === this.memoA1 && w3 === this.memoA2) b2 = this.memoAIdx;
    else {
      b2 = this.findBigram(w2, w3);
      this.memoB1 = w2;
      this.memoB2 = w3;
      this.memoBIdx = b2;
    }
    if (b2 >= 0) return bo + this.cbBigProb[this.bigProb[b2]!]!;
    return bo + this.uniBo[w2]! + this.uniProb[w3]!;
  }

  /**
   * Sum of log10 P(ids[i] | ids[i-2] ids[i-1]) over the sequence, using the
   * sequence itself as context. Positions holding `bos` are context only (not
   * scored); put `bos` first and `eos` last to score a whole sentence.
   */
  sequenceLogProb(ids: ArrayLike<number>): number {
    let sum = 0;
    for (let i = 0; i < ids.length; i++) {
      const w = ids[i]!;
      if (w === this.bos) continue;
      sum += this.logProb(i >= 2 ? ids[i - 2]! : -1, i >= 1 ? ids[i - 1]! : -1, w);
    }
    return sum;
  }

  private findBigram(w1: number, w2: number): number {
    return search(this.bigWord, this.uniStart[w1]!, this.uniStart[w1 + 1]!, w2);
  }
}

/** Index of `key` in the sorted slice arr[lo, hi), or -1. */
function search(arr: Uint16Array, lo: number, hi: number, key: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = arr[mid]!;
    if (v < key) lo = mid + 1;
    else if (v > key) hi = mid;
    else return mid;
  }
  return -1;
}

let singleton: NgramModel | undefined;

/** The default model, loaded on first use and shared for the process. */
export function defaultModel(): NgramModel {
  singleton ??= NgramModel.load();
  return singleton;
}

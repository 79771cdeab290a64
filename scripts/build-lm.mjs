#!/usr/bin/env node
// Build corpus/lm/en-us.lm.u16, the compact trigram language model used by
// src/lang/lm.ts, from the CMU Sphinx US-English model shipped in the Debian
// package `pocketsphinx-en-us` (BSD-2, see corpus/lm/LICENSE).
//
// Exact commands used (Debian bookworm, pocketsphinx-en-us 0.8+5prealpha+1-15):
//
//   cd /tmp && apt-get download pocketsphinx-en-us && dpkg -x pocketsphinx-en-us_*.deb /tmp/ps
//   node scripts/build-lm.mjs /tmp/ps/usr/share/pocketsphinx/model/en-us/en-us.lm.bin
//
// With no argument the script looks at that default path and, if it is
// missing, tries `apt-get download pocketsphinx-en-us` + `dpkg -x` itself in a
// temporary directory. A second optional argument overrides the output path.
//
// What it does:
//   1. Decodes the sphinxbase "Trie Language Model" binary (a reversed,
//      bit-packed trie with 16-bit quantised probabilities/backoffs; format of
//      sphinxbase's lm_trie.c / lm_trie_quant.c, re-implemented here from the
//      format description, no sphinxbase code is used) back into ARPA-style
//      log10 values.
//   2. Keeps <unk>, <s>, </s> and the 65,533 most probable words (by unigram
//      probability) so that every word id fits in a Uint16, and drops every
//      n-gram that mentions a dropped word.
//   3. Re-quantises bigram probabilities, bigram backoffs and trigram
//      probabilities to 8-bit codebooks (256 float32 centres each, weighted
//      1-D k-means); unigram probabilities/backoffs stay float32.
//   4. Writes a forward trie (unigram -> sorted bigram range -> sorted trigram
//      range) as little-endian typed-array sections. See corpus/README.md
//      ("Language model") for the byte layout.
//
// The output is deterministic: same input file, same output bytes.

import { readFileSync, writeFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DEFAULT_SRC = '/tmp/ps/usr/share/pocketsphinx/model/en-us/en-us.lm.bin';
const HERE = dirname(fileURLToPath(import.meta.url));
const DEFAULT_OUT = resolve(HERE, '../corpus/lm/en-us.lm.u16');

/** sphinxbase stores log probabilities in units of log base 1.0001 (float). */
export const SPHINX_LOG10_PER_UNIT = Math.log10(1.0001);

const bitsFor = (max) => (max === 0 ? 0 : 32 - Math.clz32(max));

/**
 * Decode a sphinxbase trie LM (order 3) into plain typed arrays.
 *
 * The trie is *reversed*: unigram w3 -> entries keyed by w2 (the bigram
 * "w2 w3": P(w3|w2), bo(w2 w3)) -> entries keyed by w1 (trigram "w1 w2 w3":
 * P(w3|w1 w2)).  All values are returned as log10.
 */
export function decodeSphinxTrie(buf) {
  const MAGIC = 'Trie Language Model';
  if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a sphinx trie LM');
  let off = MAGIC.length;
  const order = buf.readUInt8(off);
  off += 1;
  if (order !== 3) throw new Error(`expected a trigram model, got order ${order}`);
  const counts = [buf.readUInt32LE(off), buf.readUInt32LE(off + 4), buf.readUInt32LE(off + 8)];
  off += 12;
  off += 4; // int32, formerly the quantisation type (always 1)
  const QN = 1 << 16;
  const table = () => {
    const t = new Float64Array(QN);
    for (let i = 0; i < QN; i++) t[i] = buf.readFloatLE(off + 4 * i) * SPHINX_LOG10_PER_UNIT;
    off += 4 * QN;
    return t;
  };
  // quantiser tables: order 2 prob, order 2 backoff, order 3 prob
  const q2prob = table();
  const q2bo = table();
  const q3prob = table();

  const [nU, nB, nT] = counts;
  const uniProb = new Float64Array(nU);
  const uniBo = new Float64Array(nU);
  const uniNext = new Uint32Array(nU + 1);
  for (let i = 0; i <= nU; i++) {
    if (i < nU) {
      uniProb[i] = buf.readFloatLE(off) * SPHINX_LOG10_PER_UNIT;
      uniBo[i] = buf.readFloatLE(off + 4) * SPHINX_LOG10_PER_UNIT;
    }
    uniNext[i] = buf.readUInt32LE(off + 8);
    off += 12;
  }

  const wordBits = bitsFor(nU);
  const nextBits = bitsFor(nT);
  const midBits = wordBits + 32 + nextBits; // word | backoff code(16) | prob code(16) | next
  const midBase = off;
  off += Math.floor(((1 + nB) * midBits + 7) / 8) + 8;
  const lonBits = wordBits + 16; // word | prob code(16)
  const lonBase = off;
  off += Math.floor(((1 + nT) * lonBits + 7) / 8) + 8;

  const strBytes = buf.readInt32LE(off);
  off += 4;
  const words = buf.toString('utf8', off, off + strBytes).split('\0');
  off += strBytes;
  if (words[words.length - 1] !== '') throw new Error('word table not NUL-terminated');
  words.pop();
  if (words.length !== nU) throw new Error(`word table has ${words.length} words, expected ${nU}`);
  if (off !== buf.length) throw new Error(`trailing bytes: parsed ${off} of ${buf.length}`);

  const bits = (base, bitOff, len) =>
    ((buf.readUInt32LE(base + Math.floor(bitOff / 8)) >>> (bitOff % 8)) & (len === 32 ? -1 : (1 << len) - 1)) >>> 0;
  // The header counts are only sizes of the allocated arrays and may exceed
  // the entries actually written (en-us.lm.bin: 6 bigram slots are unused);
  // the pointers give the real ends.
  const nBig = uniNext[nU];
  if (nBig > nB) throw new Error(`unigram pointers end at ${nBig} > ${nB} bigrams`);

  // bigrams, reversed order: for w3, entries keyed by w2
  const bW2 = new Uint32Array(nBig);
  const bW3 = new Uint32Array(nBig);
  const bProbCode = new Uint16Array(nBig);
  const bBoCode = new Uint16Array(nBig);
  const bNext = new Uint32Array(nBig + 1);
  for (let w3 = 0; w3 < nU; w3++) {
    for (let i = uniNext[w3]; i < uniNext[w3 + 1]; i++) {
      const at = i * midBits;
      bW2[i] = bits(midBase, at, wordBits);
      bW3[i] = w3;
      bBoCode[i] = bits(midBase, at + wordBits, 16);
      bProbCode[i] = bits(midBase, at + wordBits + 16, 16);
      bNext[i] = bits(midBase, at + wordBits + 32, nextBits);
      if (i > uniNext[w3] && bW2[i] <= bW2[i - 1]) throw new Error(`bigram range of word ${w3} is not sorted`);
    }
  }
  bNext[nBig] = bits(midBase, nBig * midBits + wordBits + 32, nextBits);
  const nTri = bNext[nBig];
  if (nTri > nT) throw new Error(`bigram pointers end at ${nTri} > ${nT} trigrams`);

  const tW1 = new Uint32Array(nTri);
  const tW2 = new Uint32Array(nTri);
  const tW3 = new Uint32Array(nTri);
  const tProbCode = new Uint16Array(nTri);
  let unsortedTrigramRanges = 0;
  for (let i = 0; i < nBig; i++) {
    if (bNext[i + 1] < bNext[i]) throw new Error(`bigram ${i}: trigram pointers go backwards`);
    for (let j = bNext[i]; j < bNext[i + 1]; j++) {
      const at = j * lonBits;
      tW1[j] = bits(lonBase, at, wordBits);
      tW2[j] = bW2[i];
      tW3[j] = bW3[i];
      tProbCode[j] = bits(lonBase, at + wordBits, 16);
      // Two ranges in en-us.lm.bin are out of order ("whips|teased and
      // bullhorns", "coach|<s> and jerri"), so sphinx's own search misses one
      // entry of each. We keep every entry; the forward trie is re-sorted.
      if (j > bNext[i] && tW1[j] <= tW1[j - 1]) unsortedTrigramRanges++;
    }
  }
  return {
    counts, used: [nU, nBig, nTri], unsortedTrigramRanges, words, uniProb, uniBo, uniNext,
    q2prob, q2bo, q3prob,
    bigram: { w2: bW2, w3: bW3, probCode: bProbCode, boCode: bBoCode, next: bNext },
    trigram: { w1: tW1, w2: tW2, w3: tW3, probCode: tProbCode },
  };
}

// ---------------------------------------------------------------------------
// Conversion

const FORMAT_MAGIC = 'UNSPNLM1';
const FORMAT_VERSION = 1;
const HEADER_BYTES = 64;
const CODEBOOK_SIZE = 256;
export const MAX_VOCAB = 65536; // ids must fit a Uint16
const SPECIALS = ['<unk>', '<s>', '</s>']; // ids 0, 1, 2

const align8 = (n) => (n + 7) & ~7;

/**
 * Weighted 1-D k-means (Lloyd) from a uniform initialisation: maps each of the
 * `values` (sorted ascending, distinct) to one of k float32 centres.
 * Returns { centers: Float32Array(k), code: Uint8Array(values.length) }.
 */
function codebook(values, weights, k = CODEBOOK_SIZE) {
  const n = values.length;
  const centers = new Float64Array(k);
  const code = new Uint8Array(n);
  if (n <= k) {
    for (let i = 0; i < k; i++) centers[i] = values[Math.min(i, n - 1)];
    for (let i = 0; i < n; i++) code[i] = i;
    return { centers: Float32Array.from(centers), code };
  }
  // Uniform initialisation over the value range, then Lloyd iterations
  // (which only lower the weighted squared error). Quantile initialisation
  // was tried and left the sparse tails with errors up to 0.6.
  const lo = values[0], hi = values[n - 1];
  for (let c = 0; c < k; c++) centers[c] = lo + ((hi - lo) * c) / (k - 1);
  const assign = () => {
    let c = 0;
    for (let i = 0; i < n; i++) {
      while (c + 1 < k && Math.abs(values[i] - centers[c + 1]) < Math.abs(values[i] - centers[c])) c++;
      code[i] = c;
    }
  };
  for (let iter = 0; iter < 300; iter++) {
    assign();
    const sum = new Float64Array(k);
    const wsum = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      sum[code[i]] += values[i] * weights[i];
      wsum[code[i]] += weights[i];
    }
    let moved = 0;
    for (let c = 0; c < k; c++) {
      if (wsum[c] === 0) continue;
      const m = sum[c] / wsum[c];
      moved = Math.max(moved, Math.abs(m - centers[c]));
      centers[c] = m;
    }
    // keep centres sorted (they stay sorted in 1-D Lloyd, but be explicit)
    centers.sort();
    if (moved < 1e-9) break;
  }
  const f32 = Float32Array.from(centers);
  for (let c = 0; c < k; c++) centers[c] = f32[c];
  assign();
  return { centers: f32, code };
}

/** Quantise 16-bit sphinx codes (table `tab`, usage `used` codes) to 8-bit. */
function requantize(tab, codes, label) {
  const hist = new Float64Array(tab.length);
  for (let i = 0; i < codes.length; i++) hist[codes[i]]++;
  // distinct values weighted by use
  const byValue = new Map();
  for (let c = 0; c < tab.length; c++) if (hist[c] > 0) byValue.set(tab[c], (byValue.get(tab[c]) ?? 0) + hist[c]);
  const values = Float64Array.from(byValue.keys()).sort();
  const weights = Float64Array.from(values, (v) => byValue.get(v));
  const { centers, code } = codebook(values, weights);
  const valueIndex = new Map();
  values.forEach((v, i) => valueIndex.set(v, i));
  const map = new Uint8Array(tab.length);
  let se = 0, maxe = 0, tot = 0;
  for (let c = 0; c < tab.length; c++) {
    if (hist[c] === 0) continue;
    const q = code[valueIndex.get(tab[c])];
    map[c] = q;
    const e = Math.abs(centers[q] - tab[c]);
    se += e * e * hist[c];
    tot += hist[c];
    if (e > maxe) maxe = e;
  }
  const stats = { label, distinct: values.length, rms: Math.sqrt(se / Math.max(1, tot)), max: maxe };
  return { centers, map, stats };
}

/** Build the compact forward-trie file from a decoded sphinx model. */
export function convert(lm, { maxVocab = MAX_VOCAB } = {}) {
  const { words, uniProb, uniBo, bigram: RB, trigram: RT } = lm;
  const nU = words.length;
  const oldId = new Map(words.map((w, i) => [w, i]));
  for (const s of ['<s>', '</s>']) if (!oldId.has(s)) throw new Error(`source model lacks ${s}`);
  if (oldId.has('<unk>')) throw new Error('source model has <unk>; conversion assumes it does not');

  // --- vocabulary: specials, then words by descending unigram probability
  const ordinary = [];
  for (let i = 0; i < nU; i++) if (!SPECIALS.includes(words[i])) ordinary.push(i);
  ordinary.sort((a, b) => uniProb[b] - uniProb[a] || (words[a] < words[b] ? -1 : words[a] > words[b] ? 1 : 0));
  const keepN = Math.min(ordinary.length, maxVocab - SPECIALS.length);
  const kept = ordinary.slice(0, keepN);
  const dropped = ordinary.slice(keepN);
  const V = SPECIALS.length + keepN;
  const newId = new Int32Array(nU).fill(-1);
  newId[oldId.get('<s>')] = 1;
  newId[oldId.get('</s>')] = 2;
  kept.forEach((o, i) => (newId[o] = SPECIALS.length + i));
  const vocab = [...SPECIALS, ...kept.map((o) => words[o])];

  const outUniProb = new Float32Array(V);
  const outUniBo = new Float32Array(V);
  for (let o = 0; o < nU; o++) {
    const n = newId[o];
    if (n < 0) continue;
    outUniProb[n] = uniProb[o];
    outUniBo[n] = uniBo[o];
  }
  // <unk>: the mean probability of one dropped word (the dropped words' total
  // mass divided by their number); below every kept word. No backoff.
  let droppedMass = 0;
  for (const o of dropped) droppedMass += 10 ** uniProb[o];
  const minKept = kept.length ? uniProb[kept[kept.length - 1]] : -7;
  const unkProb = dropped.length ? Math.min(minKept, Math.log10(droppedMass / dropped.length)) : minKept - 1;
  outUniProb[0] = unkProb;
  outUniBo[0] = 0;

  // --- bigrams, forward order (w1, w2) sorted
  const nRB = RB.w2.length;
  const bigKeys = [];
  for (let i = 0; i < nRB; i++) {
    const a = newId[RB.w2[i]], b = newId[RB.w3[i]];
    if (a < 0 || b < 0) continue;
    bigKeys.push((a * 65536 + b) * 2 ** 21 + i); // < 2^53 because i < 2^21
  }
  if (nRB >= 2 ** 21) throw new Error('too many bigrams for the sort key');
  const bigSorted = Float64Array.from(bigKeys).sort();
  const B = bigSorted.length;
  const bigWord = new Uint16Array(B);
  const bigOld = new Uint32Array(B);
  const rbToNew = new Int32Array(nRB).fill(-1);
  const uniStart = new Uint32Array(V + 1);
  for (let k = 0; k < B; k++) {
    const key = bigSorted[k];
    const i = key % 2 ** 21;
    const ab = (key - i) / 2 ** 21;
    const a = Math.floor(ab / 65536), b = ab % 65536;
    bigWord[k] = b;
    bigOld[k] = i;
    rbToNew[i] = k;
    uniStart[a + 1]++;
  }
  for (let a = 0; a < V; a++) uniStart[a + 1] += uniStart[a];

  // --- trigrams: parent = forward bigram (w1, w2), child word w3
  // In the reversed source trie the bigram "w1 w2" sits under w2, keyed by w1.
  const revBigram = (w1, w2) => {
    let lo = lm.uniNext[w2], hi = lm.uniNext[w2 + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (RB.w2[mid] < w1) lo = mid + 1;
      else hi = mid;
    }
    return lo < lm.uniNext[w2 + 1] && RB.w2[lo] === w1 ? lo : -1;
  };
  const nRT = RT.w1.length;
  const triKeys = [];
  let orphan = 0;
  for (let j = 0; j < nRT; j++) {
    const a = newId[RT.w1[j]], b = newId[RT.w2[j]], c = newId[RT.w3[j]];
    if (a < 0 || b < 0 || c < 0) continue;
    const rb = revBigram(RT.w1[j], RT.w2[j]);
    if (rb < 0 || rbToNew[rb] < 0) { orphan++; continue; }
    triKeys.push((rbToNew[rb] * 65536 + c) * 65536 + RT.probCode[j]); // < 2^53
  }
  if (orphan) throw new Error(`${orphan} trigrams have no "w1 w2" bigram; dummy insertion not implemented`);
  const triSorted = Float64Array.from(triKeys).sort();
  const T = triSorted.length;
  const triWord = new Uint16Array(T);
  const triCode16 = new Uint16Array(T);
  const bigStart = new Uint32Array(B + 1);
  for (let k = 0; k < T; k++) {
    const key = triSorted[k];
    const code = key % 65536;
    const pc = (key - code) / 65536;
    const c = pc % 65536;
    const parent = (pc - c) / 65536;
    triWord[k] = c;
    triCode16[k] = code;
    bigStart[parent + 1]++;
  }
  for (let k = 0; k < B; k++) bigStart[k + 1] += bigStart[k];

  // --- 8-bit codebooks
  const bigProbCode16 = new Uint16Array(B);
  const bigBoCode16 = new Uint16Array(B);
  for (let k = 0; k < B; k++) {
    bigProbCode16[k] = RB.probCode[bigOld[k]];
    bigBoCode16[k] = RB.boCode[bigOld[k]];
  }
  const qBP = requantize(lm.q2prob, bigProbCode16, 'bigram prob');
  const qBB = requantize(lm.q2bo, bigBoCode16, 'bigram backoff');
  const qTP = requantize(lm.q3prob, triCode16, 'trigram prob');
  const bigProb = Uint8Array.from(bigProbCode16, (c) => qBP.map[c]);
  const bigBo = Uint8Array.from(bigBoCode16, (c) => qBB.map[c]);
  const triProb = Uint8Array.from(triCode16, (c) => qTP.map[c]);

  // --- serialise
  const vocabBytes = Buffer.from(vocab.join('\n'), 'utf8');
  const sections = [
    new Uint8Array(Float32Array.from([...qBP.centers, ...qBB.centers, ...qTP.centers]).buffer),
    new Uint8Array(outUniProb.buffer),
    new Uint8Array(outUniBo.buffer),
    new Uint8Array(uniStart.buffer),
    new Uint8Array(bigStart.buffer),
    new Uint8Array(bigWord.buffer),
    new Uint8Array(triWord.buffer),
    bigProb,
    bigBo,
    triProb,
    new Uint8Array(vocabBytes.buffer, vocabBytes.byteOffset, vocabBytes.length),
  ];
  let size = HEADER_BYTES;
  for (const s of sections) size += align8(s.length);
  const out = Buffer.alloc(size); // zero-filled, so padding is deterministic
  out.write(FORMAT_MAGIC, 0, 'latin1');
  const header = [FORMAT_VERSION, V, B, T, 0 /* unk */, 1 /* bos */, 2 /* eos */, vocabBytes.length, CODEBOOK_SIZE];
  header.forEach((v, i) => out.writeUInt32LE(v, 8 + 4 * i));
  let off = HEADER_BYTES;
  for (const s of sections) {
    out.set(s, off);
    off += align8(s.length);
  }
  if (new Set(vocab).size !== vocab.length) throw new Error('duplicate vocabulary entries');
  if (vocab.some((w) => w.includes('\n'))) throw new Error('newline in a word');
  return {
    bytes: out,
    info: {
      vocab: V, bigrams: B, trigrams: T, dropped: dropped.length,
      droppedMassLog10: Math.log10(droppedMass || Number.MIN_VALUE), unkProb,
      sourceBigrams: nRB, sourceTrigrams: nRT,
      quant: [qBP.stats, qBB.stats, qTP.stats],
    },
  };
}

function locateSource(arg) {
  if (arg) return resolve(arg);
  if (existsSync(DEFAULT_SRC)) return DEFAULT_SRC;
  const dir = mkdtempSync(join(tmpdir(), 'unspin-lm-'));
  console.error(`source not found at ${DEFAULT_SRC}; running apt-get download pocketsphinx-en-us in ${dir}`);
  execFileSync('apt-get', ['download', 'pocketsphinx-en-us'], { cwd: dir, stdio: 'inherit' });
  const deb = readdirSync(dir).find((f) => f.endsWith('.deb'));
  if (!deb) throw new Error('apt-get download produced no .deb');
  execFileSync('dpkg', ['-x', join(dir, deb), join(dir, 'root')], { stdio: 'inherit' });
  return join(dir, 'root/usr/share/pocketsphinx/model/en-us/en-us.lm.bin');
}

function main() {
  const src = locateSource(process.argv[2]);
  const out = resolve(process.argv[3] ?? DEFAULT_OUT);
  const buf = readFileSync(src);
  console.error(`source ${src} sha256 ${createHash('sha256').update(buf).digest('hex')}`);
  const lm = decodeSphinxTrie(buf);
  console.error(`decoded: ${lm.used.join(' / ')} n-grams (header: ${lm.counts.join(' / ')}), ${lm.unsortedTrigramRanges} unsorted trigram ranges`);
  const { bytes, info } = convert(lm);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  console.error(JSON.stringify(info, null, 2));
  console.error(`wrote ${out}: ${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();

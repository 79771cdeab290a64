#!/usr/bin/env node
// Rebuilds corpus/thesaurus/en-us.thes from LibreOffice's English thesaurus
// (MyThes format, built from WordNet), as shipped by Debian's `mythes-en-us`.
//
// Exact commands used (Debian bookworm, mythes-en-us 1:7.5.0-1):
//
//   cd /tmp && apt-get download mythes-en-us && dpkg -x mythes-en-us_*.deb /tmp/mythes
//   npx tsc -p tsconfig.json
//   node scripts/build-thesaurus.mjs /tmp/mythes/usr/share/mythes/th_en_US_v2.dat
//
// Optional second argument: output path (default corpus/thesaurus/en-us.thes,
// relative to the repository root). The output is deterministic: the same
// input file always gives a byte-identical output.
//
// Conversion:
//   - every headword and every synonym is lowercased, whitespace collapsed to
//     single spaces;
//   - trailing notes "(generic term)", "(similar term)", "(related term)" are
//     stripped from the term but remembered as the edge's relation class;
//   - "(antonym)" entries are dropped entirely, and so are terms written in capitals (acronyms,
//     Roman numerals: "IT", "US", "III") and the senses in which a headword stands for such a
//     term ("it": "information technology|IT|...|technology"): lowercased they are other words,
//     so the restorer read "technology" as a spelling of "it";
//   - a headword's synonym list is the union over all its senses (parts of
//     speech are not kept per edge: spinners ignore them), without the
//     headword itself; a synonym seen several times keeps its best rank
//     (earliest sense, strongest relation).
//
// Output: the tables of src/lang/thesaurus.ts (SECTIONS there lists them), precomputed here so
// that the reader views them in place over the file's bytes and decodes nothing at load:
//   - the strings: the terms sorted in JS string order (UTF-16 code units), so a term's id is
//     its rank and the reader can binary-search them; then the words of multi-word terms that are
//     no terms, sorted;
//   - per term an info byte: bits 0-3 POS mask where it is a headword (1 noun, 2 verb, 4 adj,
//     8 adv), bits 4-7 min(15, senses) (0 for terms that are only synonyms);
//   - the forward lists, best first (earliest sense, then strongest relation, then position in
//     the source);
//   - the reverse lists (synonym -> headwords), ranked best first, and the cost of each reverse
//     edge to a search (see reverse() below);
//   - the word index: each term as word ids, and a trie over them (see TermIndex in the reader).
// The ranking and costs are made from a quality byte per edge (bits 0-1 relation: 0 synonym,
// 1 similar term, 2 generic term, 3 related term; bits 2-7 min(63, index of the headword's sense
// in which the synonym appears)), which is not kept: the reader needs only what it gives.
//
// The file format and the trie's hash probe are the reader's, imported from dist/ (hence tsc).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Thesaurus, edgeSlot, encodeTables } from '../dist/lang/thesaurus.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const src = process.argv[2] ?? '/tmp/mythes/usr/share/mythes/th_en_US_v2.dat';
const out = resolve(root, process.argv[3] ?? 'corpus/thesaurus/en-us.thes');

const POS = { noun: 1, verb: 2, adj: 4, adv: 8 };
const REL = { '': 0, 'similar term': 1, 'generic term': 2, 'related term': 3 };

const norm = (s) => s.toLowerCase().replace(/\s+/g, ' ').trim();

const raw = readFileSync(src);
// the first line names the encoding (UTF-8 for th_en_US_v2.dat)
const text = raw.subarray(0, 16).toString('latin1').startsWith('UTF-8')
  ? raw.toString('utf8')
  : raw.toString('latin1');
const lines = text.split('\n');

/** headword -> { pos, senses, syn: Map<term, quality> , order: term[] } */
const heads = new Map();
const allTerms = new Set();
const dropped = { antonym: 0, self: 0, unknownNote: 0, capitals: 0, acronymSenses: 0 };
/** A term written in capitals: an acronym or a Roman numeral. */
const inCapitals = (s) => /^[A-Z]{2,}$/.test(s.trim());

let i = 1; // line 0 is the encoding
while (i < lines.length) {
  const line = lines[i++];
  if (!line) continue;
  const bar = line.lastIndexOf('|');
  const head = norm(line.slice(0, bar));
  const n = Number(line.slice(bar + 1));
  if (!Number.isInteger(n)) throw new Error(`bad header at line ${i}: ${line}`);
  let h = heads.get(head);
  if (!h) {
    h = { pos: 0, senses: 0, syn: new Map(), order: [] };
    heads.set(head, h);
  }
  allTerms.add(head);
  for (let k = 0; k < n; k++) {
    const parts = lines[i++].split('|');
    if (parts.some((item) => inCapitals(item) && norm(item) === head)) {
      dropped.acronymSenses++;
      continue;
    }
    const posName = parts[0].replace(/[()]/g, '');
    h.pos |= POS[posName] ?? 0;
    const sense = h.senses++;
    for (let p = 1; p < parts.length; p++) {
      let item = parts[p];
      let rel = '';
      const m = /^(.*?)\s*\(([a-z ]+)\)\s*$/.exec(item);
      if (m) {
        if (m[2] === 'antonym') { dropped.antonym++; continue; }
        if (!(m[2] in REL)) { dropped.unknownNote++; continue; }
        item = m[1];
        rel = m[2];
      }
      if (inCapitals(item)) { dropped.capitals++; continue; }
      const term = norm(item);
      if (!term) continue;
      if (term === head) { dropped.self++; continue; }
      const q = (Math.min(63, sense) << 2) | REL[rel];
      const prev = h.syn.get(term);
      if (prev === undefined) {
        h.syn.set(term, q);
        h.order.push(term);
      } else if (q < prev) {
        h.syn.set(term, q);
      }
      allTerms.add(term);
    }
  }
}

const terms = [...allTerms].sort(); // default sort: UTF-16 code unit order, matches `<`
const id = new Map(terms.map((t, k) => [t, k]));
const T = terms.length;

const info = new Uint8Array(T);
for (const [t, h] of heads) info[id.get(t)] = h.pos | (Math.min(15, h.senses) << 4);

// forward lists, best first: by quality byte (sense, then relation), then original position
const fwd = new Array(T);
let E = 0;
for (let k = 0; k < T; k++) {
  const h = heads.get(terms[k]);
  if (!h) { fwd[k] = []; continue; }
  const list = h.order.map((t, pos) => ({ to: id.get(t), q: h.syn.get(t), pos }));
  list.sort((a, b) => a.q - b.q || a.pos - b.pos);
  fwd[k] = list;
  E += list.length;
}

/** Rank of a relation: synonym, similar term, related term, generic term (hypernym) last. */
const REL_RANK = [0, 1, 3, 2];
/** Rank of an edge from its quality byte (0 best .. 31): relation, then sense index. */
const edgeCost = (q) => REL_RANK[q & 3] * 8 + Math.min(q >> 2, 7);

/** Forward CSR over the lists. */
function forward() {
  const fwdOff = new Int32Array(T + 1);
  fwd.forEach((list, k) => { fwdOff[k + 1] = fwdOff[k] + list.length; });
  return { fwdOff, fwdTo: Int32Array.from(fwd.flat(), (x) => x.to) };
}

const split = terms.map((t) => t.split(' '));
/** The words of multi-word terms that are no terms: their ids come after the terms'. */
const others = [...new Set(split.flat().filter((w) => !id.has(w)))].sort();
const otherId = new Map(others.map((w, k) => [w, T + k]));
/** A word's id is its string id: a one-word term's is its term id. */
const wordId = (w) => id.get(w) ?? otherId.get(w);

/** The strings, UTF-8 back to back: the terms, then the other words. */
function strings() {
  const texts = [...terms, ...others];
  const stringOff = new Int32Array(texts.length + 1);
  texts.forEach((t, k) => { stringOff[k + 1] = stringOff[k] + Buffer.byteLength(t); });
  return { strings: Buffer.from(texts.join('')), stringOff };
}

/**
 * The word index: each term as word ids, and a trie over them. The node of a term is its term id,
 * of another word its word id; the root comes next, then the prefixes that are no terms.
 */
function wordIndex() {
  const seqOff = new Int32Array(T + 1);
  split.forEach((words, k) => { seqOff[k + 1] = seqOff[k] + words.length; });
  const root = T + others.length;
  // trie edges below the first word: (parent node, word) -> child node
  const prefixes = new Map();
  const edges = [];
  for (const words of split) {
    let parent = wordId(words[0]);
    for (let i = 2; i <= words.length; i++) {
      const prefix = words.slice(0, i).join(' ');
      let node = id.get(prefix) ?? prefixes.get(prefix);
      if (node === undefined) {
        node = root + 1 + prefixes.size;
        prefixes.set(prefix, node);
      }
      edges.push([parent, wordId(words[i - 1]), node]);
      parent = node;
    }
  }
  const { childBits, table } = trie(root + 1 + prefixes.size, root, edges);
  return { seqOff, seq: Int32Array.from(split.flat(), wordId), childBits, edges: table };
}

/** The trie's word filters and edge hash table (at most 2/3 full), filled with the reader's probe. */
function trie(nodes, root, edges) {
  const childBits = new Int32Array(nodes);
  childBits[root] = -1;
  const bits = Math.max(1, Math.ceil(Math.log2(1.5 * edges.length)));
  const table = new Int32Array(4 << bits).fill(-1);
  for (const [parent, word, child] of edges) {
    const at = edgeSlot(table, parent, word);
    if (table[at + 2] >= 0) continue; // a prefix shared with an earlier term
    table.set([parent, word, child], at);
    childBits[parent] |= 1 << (word & 31);
  }
  return { childBits, table };
}

/**
 * The reverse lists, each ranked best first so that the reader caps branching by taking a prefix:
 * by edge rank, then by the source's rank (commonness = senses + log2 in-degree, single words
 * first), then by source id. Each edge's cost to a search, in eighths: twice the edge rank, the
 * source's rarity (31 - commonness), 8 more for a multi-word source, and 8 for the hop.
 */
function reverse(seqOff) {
  const indegree = new Int32Array(T);
  for (const list of fwd) for (const { to } of list) indegree[to]++;
  const key = new Int32Array(T);
  const srcCost = new Int32Array(T);
  for (let k = 0; k < T; k++) {
    const common = Math.min(31, Math.round((info[k] >> 4) + Math.log2(1 + indegree[k])));
    const phrase = seqOff[k + 1] - seqOff[k] > 1 ? 1 : 0;
    key[k] = (31 - common) * 2 + phrase;
    srcCost[k] = 31 - common + 8 * phrase + 8;
  }
  const edges = fwd.flatMap((list, from) => list.map(({ to, q }) => ({ from, to, q })));
  edges.sort((a, b) => a.to - b.to || edgeCost(a.q) - edgeCost(b.q) || key[a.from] - key[b.from] || a.from - b.from);
  const revOff = new Int32Array(T + 1);
  for (let k = 0; k < T; k++) revOff[k + 1] = revOff[k] + indegree[k];
  return {
    revOff,
    revFrom: Int32Array.from(edges, (e) => e.from),
    revCost: Uint8Array.from(edges, (e) => 2 * edgeCost(e.q) + srcCost[e.from]),
  };
}

const index = wordIndex();
const tables = { ...strings(), info, ...forward(), ...reverse(index.seqOff), ...index };
const file = encodeTables(tables);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, file);

// the reader must find every term where this script put it (same sort order as its binary search)
const check = Thesaurus.load(out);
if (check.size !== T || !terms.every((t) => check.has(t))) throw new Error(`${out}: terms not found by the reader`);

console.log(
  `headwords ${heads.size}, terms ${T}, edges ${E}, ` +
  `dropped antonyms ${dropped.antonym}, self-references ${dropped.self}, unknown notes ${dropped.unknownNote}, ` +
    `terms in capitals ${dropped.capitals}, acronym senses ${dropped.acronymSenses}; ` +
  `other words ${others.length}, trie slots ${index.edges.length / 4}; ` +
  `strings ${tables.strings.length} B, total ${file.length} B -> ${out}`,
);

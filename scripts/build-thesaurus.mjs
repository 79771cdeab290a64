#!/usr/bin/env node
// Rebuilds corpus/thesaurus/en-us.thes from LibreOffice's English thesaurus
// (MyThes format, built from WordNet), as shipped by Debian's `mythes-en-us`.
//
// Exact commands used (Debian bookworm, mythes-en-us 1:7.5.0-1):
//
//   cd /tmp && apt-get download mythes-en-us && dpkg -x mythes-en-us_*.deb /tmp/mythes
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
//   - "(antonym)" entries are dropped entirely;
//   - a headword's synonym list is the union over all its senses (parts of
//     speech are not kept per edge: spinners ignore them), without the
//     headword itself; a synonym seen several times keeps its best rank
//     (earliest sense, strongest relation).
//
// Output format (all integers little-endian; the reader is src/lang/thesaurus.ts):
//   magic "UNSPTHS1" (8 bytes)
//   u32 version (1), u32 termCount, u32 edgeCount, u32 stringBytes,
//   u32 fwdVarintBytes
//   stringBytes   : UTF-8 terms joined by "\n", sorted by JS string order
//                   (UTF-16 code units), so a term's id is its rank and the
//                   reader can binary-search it.
//   termCount     : u8 info per term: bits 0-3 POS mask where it is a headword
//                   (1 noun, 2 verb, 4 adj, 8 adv), bits 4-7 min(15, senses)
//                   (0 for terms that are only synonyms)
//   fwdVarintBytes: for each term in id order: LEB128 varint degree, then
//                   `degree` varint target ids, best first (earliest sense,
//                   then strongest relation, then position in the source)
//   edgeCount     : u8 quality per forward edge, parallel to the targets:
//                   bits 0-1 relation (0 synonym, 1 similar term, 2 generic
//                   term, 3 related term), bits 2-7 min(63, index of the
//                   headword's sense in which the synonym appears)
// The reverse (synonym -> headwords) index is derived by the reader at load.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
const dropped = { antonym: 0, self: 0, unknownNote: 0 };

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

function varints(lists, key) {
  const bytes = [];
  const quals = new Uint8Array(E);
  let e = 0;
  const put = (v) => {
    while (v >= 0x80) { bytes.push((v & 0x7f) | 0x80); v >>>= 7; }
    bytes.push(v);
  };
  for (const list of lists) {
    put(list.length);
    for (const x of list) { put(x[key]); quals[e++] = x.q; }
  }
  return { buf: Uint8Array.from(bytes), quals };
}

const strBuf = Buffer.from(terms.join('\n'), 'utf8');
const F = varints(fwd, 'to');

const header = Buffer.alloc(28);
header.write('UNSPTHS1', 0, 'latin1');
header.writeUInt32LE(1, 8);
header.writeUInt32LE(T, 12);
header.writeUInt32LE(E, 16);
header.writeUInt32LE(strBuf.length, 20);
header.writeUInt32LE(F.buf.length, 24);

const file = Buffer.concat([header, strBuf, info, F.buf, F.quals]);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, file);

console.log(
  `headwords ${heads.size}, terms ${T}, edges ${E}, ` +
  `dropped antonyms ${dropped.antonym}, self-references ${dropped.self}, unknown notes ${dropped.unknownNote}; ` +
  `strings ${strBuf.length} B, fwd ${F.buf.length} B, total ${file.length} B -> ${out}`,
);

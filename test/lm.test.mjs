import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NgramModel, defaultModel } from '../dist/lang/lm.js';

const m = defaultModel();

/** log10 probability of a whole sentence, <s> ... </s>. */
function sentence(text) {
  return m.sequenceLogProb([m.bos, ...text.split(' ').map((w) => m.id(w)), m.eos]);
}

/** log10 P(c | a b), words given as strings, '-' for a missing context word. */
function lp(a, b, c) {
  const id = (w) => (w === '-' ? -1 : m.id(w));
  return m.logProb(id(a), id(b), id(c));
}

test('defaultModel is a lazily loaded singleton', () => {
  assert.equal(defaultModel(), m);
  assert.ok(m instanceof NgramModel);
});

test('vocabulary: size, specials, unknown words', () => {
  assert.equal(m.size, 65536);
  assert.equal(m.id('<unk>'), m.unk);
  assert.equal(m.id('<s>'), m.bos);
  assert.equal(m.id('</s>'), m.eos);
  assert.equal(new Set([m.bos, m.eos, m.unk]).size, 3);
  for (const w of ['the', 'police', 'department', 'office', "don't", 'chicago']) assert.ok(m.has(w), w);
  assert.equal(m.id('The'), m.id('the'));
  assert.equal(m.id('CHICAGO'), m.id('chicago'));
  assert.equal(m.id('don\u2019t'), m.id("don't"));
  for (const w of ['zzqxv', 'qwertyuiopasdf', '']) {
    assert.equal(m.id(w), m.unk);
    assert.equal(m.has(w), false);
  }
  assert.equal(m.has('<unk>'), false);
  assert.equal(m.word(m.id('police')), 'police');
  for (let w = 0; w < m.size; w += 61) assert.equal(m.id(m.word(w)), w, `word ${w}`);
  for (const id of [-1, 1.5, m.size]) assert.equal(m.word(id), '<unk>');
});

test('probabilities are finite log10 values', () => {
  for (let w = 0; w < m.size; w += 97) {
    const u = m.unigram(w);
    assert.ok(Number.isFinite(u) && u <= 0, `unigram ${w}`);
  }
  assert.ok(m.unigram(m.unk) < m.unigram(m.id('zebra')));
  const ids = ['the', 'police', 'said', 'zzqxv', 'of', '</s>'].map((w) => m.id(w));
  for (const a of [-1, ...ids])
    for (const b of [-1, ...ids])
      for (const c of ids) {
        const p = m.logProb(a, b, c);
        assert.ok(Number.isFinite(p) && p <= 0 && p > -20, `${a} ${b} ${c}: ${p}`);
      }
  // out-of-range ids behave like <unk> / missing context
  assert.equal(m.logProb(-1, -1, 1e9), m.unigram(m.unk));
  assert.equal(m.logProb(-1, -1, m.id('the')), m.unigram(m.id('the')));
});

test('unigram mass sums to about one', () => {
  let s = 0;
  for (let w = 0; w < m.size; w++) if (w !== m.bos) s += 10 ** m.unigram(w);
  assert.ok(Math.abs(s - 1) < 0.01, String(s));
});

test('context picks the right word', () => {
  assert.ok(lp('chicago', 'police', 'department') > lp('chicago', 'police', 'division') + 3);
  assert.ok(sentence('the chicago police department said') > sentence('the chicago police division said') + 3);
  assert.ok(sentence('they have been there') > sentence('they be pleased been there') + 5);
  assert.ok(sentence('he works in an office') > sentence('he works in a residence of job') + 4);
  assert.ok(lp('the', 'united', 'states') > lp('the', 'united', 'state') + 1);
});

// Reference values computed with the original model (en-us.lm.bin from
// pocketsphinx-en-us 0.8+5prealpha+1-15) through libsphinxbase's own
// ngram_probv(), converted to log10. Our file re-quantises probabilities to
// 8-bit codebooks (max error about 0.017), hence the tolerance.
const REFERENCE = [
  ['the', 'chicago', 'police', -1.73223],
  ['chicago', 'police', 'department', -0.78986],
  ['chicago', 'police', 'division', -5.38741],
  ['-', '-', 'the', -1.38946],
  ['-', 'the', 'police', -2.77327],
  ['<s>', 'the', 'police', -2.64889],
  ['they', 'have', 'been', -1.29765],
  ['they', 'be', 'pleased', -3.6204],
  ['be', 'pleased', 'been', -3.70057],
  ['police', 'department', '</s>', -0.67734],
  ['in', 'an', 'office', -1.46754],
  ['of', 'the', 'united', -2.2544],
  ['the', 'united', 'states', -0.05259],
  ['-', 'united', 'states', -0.12837],
  ['-', '-', 'zebra', -5.98979],
  ['residence', 'of', 'job', -3.55913],
  ['i', "don't", 'know', -0.54549],
  ['the', 'president', 'said', -1.57806],
  ['new', 'york', 'city', -0.85704],
  ['quickly', 'purple', 'the', -1.99353],
];

test('logProb agrees with the original sphinx model', () => {
  for (const [a, b, c, ref] of REFERENCE) {
    const got = lp(a, b, c);
    assert.ok(Math.abs(got - ref) < 0.025, `${a} ${b} ${c}: got ${got}, expected ${ref}`);
  }
});

test('logProb is independent of call order (lookup memo)', () => {
  const ids = 'the chicago police department said that the police have been there'.split(' ').map((w) => m.id(w));
  const forward = [];
  for (let i = 2; i < ids.length; i++) forward.push(m.logProb(ids[i - 2], ids[i - 1], ids[i]));
  const fresh = NgramModel.load();
  for (let i = ids.length - 1; i >= 2; i--) assert.equal(fresh.logProb(ids[i - 2], ids[i - 1], ids[i]), forward[i - 2]);
});

test('trigrams that the sphinx trie stored out of order are reachable', () => {
  // libsphinxbase's interpolation search misses these two (it backs off to
  // -7.424 and -7.571); the decoded trigram values are -1.8837 and -5.4987.
  assert.ok(Math.abs(lp('whips', 'and', 'bullhorns') - -1.8837) < 0.025);
  assert.ok(Math.abs(lp('teased', 'and', 'bullhorns') - -1.0451) < 0.025);
  assert.ok(Math.abs(lp('<s>', 'and', 'jerri') - -5.4987) < 0.025);
  assert.ok(Math.abs(lp('coach', 'and', 'jerri') - -2.7364) < 0.025);
});

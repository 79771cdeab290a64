// Tests of the spinner simulator (scripts/spin.mjs) used by the evaluation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { spin, undo } from '../scripts/spin.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = path.join(ROOT, 'scripts/spin.mjs');
const CLEAN = path.join(ROOT, 'test/fixtures/clean');
const read = (...p) => fs.readFileSync(path.join(...p), 'utf8');

const fixtures = fs.readdirSync(CLEAN).filter((f) => f.endsWith('.txt')).sort();
const text = read(CLEAN, fixtures[0]);
const long = fixtures.map((f) => read(CLEAN, f)).join('\n\n');
const words = (s) => s.split(/\s+/).filter(Boolean);

test('fixtures are present', () => {
  assert.ok(fixtures.length >= 6, 'test/fixtures/clean holds the SOTU excerpts');
  assert.ok(words(text).length > 400);
});

test('is deterministic for a seed, and the seed matters', () => {
  const a = spin(text, { seed: 7 });
  const b = spin(text, { seed: 7 });
  assert.deepEqual(a, b);
  assert.equal(spin(text, { seed: '7' }).text, a.text, 'seed 7 and "7" are the same seed');
  assert.notEqual(spin(text, { seed: 8 }).text, a.text);
  assert.notEqual(a.text, text);
});

test('edit offsets point at the spun words in the output', () => {
  for (const seed of [1, 2, 3]) {
    const { text: out, edits } = spin(long, { seed });
    assert.ok(edits.length > 100);
    let last = 0;
    for (const e of edits) {
      assert.ok(e.start >= last, 'edits are sorted and do not overlap');
      assert.ok(e.end > e.start);
      assert.equal(out.slice(e.start, e.end), e.spun);
      assert.equal(long.slice(e.originalStart, e.originalEnd), e.original);
      assert.notEqual(e.spun, e.original);
      assert.ok(['synonym', 'casing', 'typo'].includes(e.kind));
      assert.equal(e.kind, e.kinds[0]);
      if (e.kind === 'synonym') {
        assert.ok(e.chain.length >= 2 && e.chain.length <= 4, '1 to 3 hops');
      }
      last = e.end;
    }
  }
});

test('undoing the edits gives back the original text', () => {
  for (const seed of [1, 2, 3, 4]) {
    const { text: out, edits } = spin(long, { seed });
    assert.equal(undo(out, edits), long);
  }
  const { text: out, edits } = spin(read(ROOT, 'corpus/examples/001_d37bd627d5f2820d.txt'), { seed: 5 });
  assert.deepEqual(words(undo(out, edits)), words(read(ROOT, 'corpus/examples/001_d37bd627d5f2820d.txt')));
});

test('changes roughly `rate` of eligible words', () => {
  const lower = long.toLowerCase(); // no capitalized words, so no reduced rate for names
  for (const rate of [0.15, 0.35, 0.6]) {
    const { edits, stats } = spin(lower, { seed: 11, rate, casing: 0, typos: 0 });
    const synonyms = edits.filter((e) => e.kind === 'synonym').length;
    assert.equal(synonyms, stats.spun);
    assert.ok(stats.eligible > 0.3 * stats.words, `eligible ${stats.eligible} of ${stats.words}`);
    const share = stats.spun / stats.eligible;
    assert.ok(Math.abs(share - rate) < 0.05, `rate ${rate}: spun ${share.toFixed(3)} of eligible`);
  }
  assert.equal(spin(lower, { seed: 11, rate: 0, casing: 0, typos: 0 }).edits.length, 0);
});

test('substitutions walk chains: multi-hop, phrases, inflection', () => {
  const edits = [1, 2, 3].flatMap((seed) => spin(long, { seed, casing: 0, typos: 0 }).edits);
  const hops = edits.map((e) => e.chain.length - 1);
  const oneHop = hops.filter((h) => h === 1).length / hops.length;
  assert.ok(oneHop > 0.2 && oneHop < 0.6, `one-hop share ${oneHop.toFixed(2)}`);
  assert.ok(edits.some((e) => !e.original.includes(' ') && e.spun.includes(' ')), 'a word becomes a phrase');
  assert.ok(edits.some((e) => e.original.includes(' ') && !e.spun.includes(' ')), 'a phrase becomes a word');
  const plural = edits.filter((e) => /^[a-z]+s$/.test(e.original) && e.chain[0] + 's' === e.original);
  assert.ok(plural.length > 5);
  assert.ok(plural.filter((e) => /s$/.test(e.spun)).length / plural.length > 0.5, 'plurals mostly stay plural');
  const gerunds = edits.filter((e) => /ing$/.test(e.original) && e.chain[0] !== e.original);
  assert.ok(gerunds.some((e) => /ing\b/.test(e.spun)), '-ing is kept');
  assert.ok(edits.every((e) => e.original.toLowerCase() !== e.spun.toLowerCase()));
});

test('casing damage happens: Title Case paragraphs and CAPS runs', () => {
  const { text: out, edits } = spin(long, { seed: 3, rate: 0, typos: 0 });
  assert.ok(edits.length > 0 && edits.every((e) => e.kind === 'casing'));
  assert.ok(edits.every((e) => e.spun.toLowerCase() === e.original.toLowerCase()));
  const paragraphs = out.split(/\n\s*\n/);
  const titled = paragraphs.filter((p) => {
    const ws = p.match(/\b[a-z]{4,}\b|\b[A-Z][a-z]{3,}\b/g) ?? [];
    return ws.filter((w) => /^[A-Z]/.test(w)).length > 0.7 * ws.length;
  });
  assert.ok(titled.length >= 1, 'some paragraph is mostly Title Case');
  const caps = [1, 2, 3, 4, 5, 6].some((seed) => /\b(?:[A-Z]{2,}[^a-z\n]+){5}/.test(spin(long, { seed, rate: 0, typos: 0 }).text));
  assert.ok(caps, 'a run of 5+ words in CAPS');
  assert.equal(spin(long, { seed: 3, rate: 0, typos: 0, casing: false }).text, long);
});

test('typo damage happens, rarely, one letter at a time', () => {
  const { edits, stats } = spin(long, { seed: 9, rate: 0, casing: 0 });
  const typos = edits.filter((e) => e.kind === 'typo');
  assert.ok(typos.length > 0);
  assert.ok(typos.length / stats.words < 0.02, `${typos.length} typos in ${stats.words} words`);
  for (const e of typos) {
    assert.ok(Math.abs(e.spun.length - e.original.length) <= 1);
    assert.equal(e.spun[0], e.original[0]);
  }
  assert.equal(spin(long, { seed: 9, rate: 0, casing: 0, typos: 0 }).edits.length, 0);
});

test('rejects options out of range', () => {
  assert.throws(() => spin(text, { rate: 2 }), TypeError);
  assert.throws(() => spin(text, { typos: -1 }), TypeError);
});

test('CLI writes the spun text to stdout', () => {
  const file = path.join(CLEAN, fixtures[1]);
  const stdout = execFileSync(process.execPath, [SCRIPT, file, '--seed', '3'], { encoding: 'utf8' });
  assert.equal(stdout, spin(read(file), { seed: 3 }).text);
  const json = JSON.parse(execFileSync(process.execPath, [SCRIPT, file, '--seed', '3', '--json'], { encoding: 'utf8' }));
  assert.equal(json.text, stdout);
  assert.equal(undo(json.text, json.edits), read(file));
});

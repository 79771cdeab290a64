// Each restoration pass on its own, through the library, on small texts whose right answer is
// plain English: what the pass must fix, and what it must leave alone.
import test from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {restore} from '../dist/index.js'

const only = (pass, text, options = {}) => restore(text, {passes: [pass], ...options})

test('spelling: a typo one edit from a dictionary word is fixed in context, names are left alone', () => {
  const result = only('spelling', 'The goverment announced a new policy on Tuesday, and the govenor agreed with it.')
  assert.equal(result.text, 'The government announced a new policy on Tuesday, and the governor agreed with it.')
  assert.deepEqual(result.changes.map((c) => [c.from, c.to, c.pass]), [['goverment', 'government', 'spelling'], ['govenor', 'governor', 'spelling']])
  const names = 'Eduardo Drubi and Richard Fenbert spoke to Alderman Vasquez in Pilsen.'
  assert.equal(only('spelling', names).text, names)
})

test('spelling: a typo the scrambler repeats is fixed; an unknown word a clean text repeats is a term', () => {
  const scrambled = 'The Police Department Has gioven Records To Federal Agents. The City Says It Has gioven Them Data Before. Lawyers Say The City Has gioven Away Too Much.'
  assert.equal(only('spelling', scrambled).text.match(/\bgiven\b/g)?.length, 3)
  const clean = 'The model stacks perceptrons in layers. Each of the perceptrons sums its inputs, and the perceptrons share no weights.'
  assert.equal(only('spelling', clean).text, clean)
})

test('spelling: an unknown word a clean text writes in its singular and its plural is a term ("perceptron", "perceptrons")', () => {
  // neither form is in the word lists, and "perception" is one edit away
  const clean = 'The perceptron learns a linear rule from labelled examples. These perceptrons are stacked in layers, and the output of each feeds the next.'
  assert.equal(only('spelling', clean).text, clean)
})

test('spelling: a rare word of the larger word list is no typo ("preprocessing", "densify")', () => {
  const clean = 'The preprocessing step scales each feature. Sparse solvers densify the matrix only when they must.'
  assert.deepEqual(only('spelling', clean).changes, [])
})

test('spelling: accented and hyphenated spellings of dictionary words are no typos ("naïve", "café", "pre-existing")', () => {
  const text = 'The plan was naïve, said the café owner, whose résumé was long. The pre-existing rules stay, and the co-operation goes on.'
  assert.equal(only('spelling', text).text, text)
})

test('spelling: the plural of an acronym ("CPDs") is no typo, even in scrambled casing', () => {
  for (const text of ['Records from the CPDs of three cities were shared with the agents.', 'Records From The CPDs Of Three Cities Were Shared With The Agents.']) {
    assert.equal(only('spelling', text).changes.length, 0, text)
  }
})

test('context: a word in capitals in well-cased text (a numeral, an acronym) is no spun word', () => {
  const text = 'After World War II, the country rebuilt its economy. Pope John Paul II visited the city in 1979, and Title III of the act was repealed.'
  assert.equal(restore(text).text, text)
})

test('context: a span of the commonest words is not traced back to others ("job by detaining" stays)', () => {
  const text = 'The federal brokers are trying to do their job by detaining illegal immigrants. The Metropolis Council says it will bear no part in it.'
  const result = only('context', text)
  assert.ok(result.changes.some((change) => /Metropolis/.test(change.from) && /City/.test(change.to)), 'the spun words around it are still found')
  assert.match(result.text, /their job by detaining/)
  assert.ok(!result.changes.some((change) => change.from === 'by'), 'not even reported')
})

test('context: a thesaurus substitution wrong in context is undone, with its path as the rule', () => {
  const result = only('context', 'The city council met on Monday. The Metropolis Council has been meeting all week. The mayor said the city budget was fine.')
  assert.match(result.text, /The City Council has been meeting all week/)
  const change = result.changes.find((c) => c.applied)
  assert.equal(change.pass, 'context')
  assert.match(change.rule, /metropolis < (the )?city/)
  assert.ok(change.confidence >= 0.6 && change.confidence <= 1)
})

test('context: an original is calibrated by the fit of its kind where there is one, else by the pass\'s', () => {
  const text = 'The city council met on Monday. The Metropolis Council has been meeting all week. The mayor said the city budget was fine.'
  const confidence = (calibration) => only('context', text, {calibration, minConfidence: 0}).changes.find((c) => c.from.includes('Metropolis')).confidence
  const raw = confidence({})
  const lowered = 1 / (1 + Math.exp(-(Math.log(raw / (1 - raw)) - 2)))
  assert.ok(Math.abs(confidence({'context/thesaurus': {a: 1, b: -2}}) - lowered) < 0.002)
  assert.ok(Math.abs(confidence({context: {a: 1, b: -2}, 'context/dictionaries': {a: 1, b: 5}}) - lowered) < 0.002)
  assert.equal(confidence({'context/dictionaries': {a: 1, b: -2}}), raw)
})

test('context: common words, which have many synonyms, are not cut from the candidates ("feature" < "have")', () => {
  assert.equal(only('context', 'We feature no choice but to act now.').text, 'We have no choice but to act now.')
  // one sentence is little evidence of a spinner: "way" is proposed, at a confidence too low to apply
  const solitary = only('context', 'The solitary representation to move forward is to build a new economy.')
  assert.match(solitary.text, /^The only representation/)
  assert.ok(solitary.changes.some((c) => c.from === 'representation' && c.to === 'way'))
})

test('context: an original that explains different spun words of the document is likelier', () => {
  const confidence = (text) => only('context', text).changes.find((c) => c.from === 'warlike').confidence
  // "military" also explains "martial" in the first text; in the second, "equipped" is spun from another word
  const shared = confidence('Our warlike budget must grow. Our martial forces must be the best in the world.')
  const other = confidence('Our warlike budget must grow. Our equipped forces must be the best in the world.')
  assert.ok(shared > other, `${shared} > ${other}`)
})

test('context: a spun text the model strongly wants restored elsewhere in the document gains where the evidence is weak', () => {
  const weak = 'The new residence of job is big.'
  const confidence = (text) => only('context', text).changes.find((c) => c.start.offset === text.indexOf(weak) + 8).confidence
  // the same sentence between two where "residence of job" is surely "office", and between two that say "office"
  const repeated = confidence(`The mayor's residence of job did not reply. ${weak} He called the attorney general's residence of job on Monday.`)
  const once = confidence(`The mayor's office did not reply. ${weak} He called the attorney general's office on Monday.`)
  assert.ok(repeated > once + 0.1, `${repeated} > ${once} + 0.1`)
})

test('context: clean prose comes back unchanged', () => {
  const clean = 'The police department said on Tuesday that it had handed over the records to federal agents, and the mayor said the city would review its policy.'
  const result = only('context', clean)
  assert.equal(result.text, clean)
  assert.ok(result.changes.every((c) => !c.applied))
})

test('context: formal prose comes back unchanged: the model\'s liking for common words is no sign of a spinner', () => {
  // 1913 prose: counted as evidence, the model's preference for everyday synonyms made the document
  // look spun, and five words were changed ("promptly" -> "quickly", "nominees" -> "candidates")
  const formal = readFileSync(new URL('fixtures/clean-older/sotu-1913-wilson.txt', import.meta.url), 'utf8')
  const result = only('context', formal)
  assert.deepEqual(result.changes.filter((c) => c.applied).map((c) => `${c.from} -> ${c.to}`), [])
  assert.equal(result.text, formal)
})

test('context: in scrambled casing, a word English nearly always capitalises is a name, not a spun word', () => {
  const scrambled = 'Advocates Say Latino Residents Are Afraid. Many Latino Immigrants Who Live In Little Village Bear Stopped Going To Work, And Latino Business Owners Say Sales Are Down. The Latino Population Of The Metropolis Has Grown, And Latino Voters Backed The Mayor.'
  const proposed = only('context', scrambled, {minConfidence: 1}).changes.map((c) => c.from)
  assert.ok(proposed.includes('Metropolis'), 'other words are still searched')
  assert.ok(!proposed.some((from) => /Latino/.test(from)), proposed.join(', '))
})

test('casing: Title Cased text goes back to sentence case; names and acronyms keep their capitals', () => {
  const result = only('casing', 'Police In Chicago Said On Tuesday That They Had Handed Over Records To ICE Agents. The Mayor Of Chicago Said The City Would Review The Policy. ICE Did Not Respond To Questions About The Records.')
  assert.match(result.text, /^Police in Chicago said on Tuesday that they had handed over records to ICE agents\./)
  assert.match(result.text, /ICE did not respond to questions about the records\.$/)
  assert.ok(result.changes.every((c) => c.pass === 'casing' && c.from.toLowerCase() === c.to.toLowerCase()))
})

test('casing: a first name the casing data saw once, capitalised, keeps its capital beside a surname ("Kwame Raoul")', () => {
  const text = 'The Coalition Asked Attorney General Kwame Raoul To Study The Police Department And The Mayor Said The City Would Review Its Policy On Records. The Council Met On Monday And The Members Said They Would Vote On The Plan.'
  const result = only('casing', text)
  assert.match(result.text, /^The coalition asked .* Kwame Raoul to study/)
})

test('casing: an isolated CAPS word is an acronym only if English writes it so at all ("ICE", not "AS")', () => {
  const scrambled = 'Police In Chicago Said They Had Handed Over Records To ICE Agents, AS The Law Required. The Mayor Said The City Would Review The Policy AFTER The Meeting. Lawyers Said Ice’s Agents Had Asked For More Records On Monday.'
  const {text} = only('casing', scrambled)
  assert.match(text, /handed over records to ICE agents, as the law required\./)
  assert.match(text, /review the policy after the meeting\./)
  assert.match(text, /Lawyers said ICE’s agents/)
})

test('casing: the words an acronym of the document stands for keep their capitals ("Immigration and Customs Enforcement")', () => {
  const scrambled = 'Police In Chicago Said They Had Handed Over Records To Immigration And Customs Enforcement And To Customs And Border Protection. The Mayor Said ICE Had Asked For More Records. CBP Did Not Respond. The Enforcement Of The Law And The Protection Of Records Will Be Reviewed.'
  const {text} = only('casing', scrambled)
  assert.match(text, /handed over records to Immigration and Customs Enforcement and to Customs and Border Protection\./)
  assert.match(text, /The enforcement of the law and the protection of records will be reviewed\./, 'the same words elsewhere are common words')
})

test('casing: an ordinal number keeps its suffix lowercase ("21St" is the scrambler\'s)', () => {
  const {text} = only('casing', 'The City Council Met For The 21St Time This Year. The Mayor Said The 2Nd Vote Would Come On The 4Th Of June.')
  assert.match(text, /met for the 21st time this year\. .* the 2nd vote would come on the 4th of June\./)
})

test('casing: a word capitalised amid lowercase words is a name; apostrophes are kept as written', () => {
  const scrambled = 'In Recent Days, Trump’s Immigration Crackdown Has Led To Protests In Chicago. Since Trump Returned To The White House, Federal Agents Have Asked The Police For Records. the agents said that Trump wanted the records soon. The Police Department Said It Followed The Law.'
  const result = only('casing', scrambled)
  assert.match(result.text, /In recent days, Trump’s immigration crackdown has led to protests in Chicago\./)
  assert.match(result.text, /Since Trump returned/)
})

test('casing: a word beside a likely name word is less surely lowercase (it may belong to the name)', () => {
  const scrambled = 'The Council Met On Monday And The City Council Met On Tuesday. The Mayor Said The Council Had Asked For More Money For The Schools Of The City.'
  const lowered = only('casing', scrambled, {minConfidence: 1}).changes.filter((c) => c.from === 'Council')
  assert.equal(lowered.length, 3)
  const [alone, named, again] = lowered.map((c) => c.confidence)
  assert.equal(alone, again, 'beside "The" twice')
  assert.ok(named < alone, `beside "City" ${named}, beside "The" ${alone}`)
})

test('casing: a pair English writes as a name only after one is Title Cased there ("Chicago Police Department", "the police department")', () => {
  const scrambled = 'The Chicago Police Department Said On Monday That It Had Followed The Law. Lawyers Said The Police Department Had Handed Over Records To The White House.'
  const {text} = only('casing', scrambled)
  assert.match(text, /^The Chicago Police Department said on Monday/)
  assert.match(text, /Lawyers said the police department had handed over records to the White House\./)
})

test('casing: a short excerpt is found scrambled by its capitalised function words', () => {
  // Too few capitals overall to look scrambled (a text with many names has as many), but real
  // text never writes "Of", "Has", "That" mid-sentence.
  const excerpt = 'In almost every case, records obtained by the paper show That the police department Has handed over documents That include the names, addresses And country Of origin Of people targeted By federal agents, and These records were handed over Which is against the policy Of the city, the lawyers said on Monday, And They Are asking the city council For an inquiry Into the matter.'
  const result = only('casing', excerpt)
  assert.match(result.text, /show that the .* has handed over documents that include the names, addresses and country of origin of people targeted by federal agents, and these records were handed over which is against the policy of the city, the lawyers said on Monday, and they are asking/)
})

test('casing: well-cased text is left alone, headline and all', () => {
  const clean = 'Chicago Police Say They Followed the Law\n\nThe police department said on Tuesday that it had followed state law.'
  assert.equal(only('casing', clean).text, clean)
})

test('the passes together: a substitution then its casing is one change from input to output', () => {
  const spun = 'Council Members And Immigration Advocates Have Called For Investigations Into Whether The Police Division Violated The Metropolis Ordinance. The Metropolis Council Will Meet Next Week To Talk About The Police Division.'
  const result = restore(spun)
  const applied = result.changes.filter((c) => c.applied)
  let replayed = ''
  let at = 0
  for (const change of applied) {
    assert.ok(change.start.offset >= at, 'applied changes do not overlap')
    assert.equal(spun.slice(change.start.offset, change.end.offset), change.from)
    replayed += spun.slice(at, change.start.offset) + change.to
    at = change.end.offset
  }
  assert.equal(replayed + spun.slice(at), result.text)
  assert.match(result.text, /city council will meet next week/i)
  assert.equal(restore(result.text).changes.filter((c) => c.applied).length, 0, 'a second run changes nothing')
})

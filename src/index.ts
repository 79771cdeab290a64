/** unspin's public surface: restore texts, or use the passes as unified plugins. */
export {restore, Restorer} from './restore.js'
export {createProcessor, settingsOf, PASSES, DEFAULT_MIN_CONFIDENCE} from './pipeline.js'
export {default as unspinSpelling} from './passes/spelling.js'
export {default as unspinPhrases} from './passes/phrases.js'
export {default as unspinContext} from './passes/context.js'
export {default as unspinCasing} from './passes/casing.js'
export {PhraseDictionary, DictionaryError} from './lang/phrases.js'
export type {Change, Point, RestoreOptions, RestoreResult} from './types.js'

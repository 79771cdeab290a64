/**
 * Defaults from a configuration file: `.unspinrc.json`, or the `unspin` field of a
 * `package.json`, whichever the search upwards from the working folder meets first.
 * Paths in it (dictionaries, the output folder) are relative to the file's folder.
 */
import {existsSync, readFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'

export interface Config {
  /** Where it was read from. */
  path: string
  minConfidence?: number
  passes?: string[]
  dict?: string[]
  concurrency?: number
  outDir?: string
  force?: boolean
  field?: string
}

export class ConfigError extends Error {}

const KEYS: Record<string, 'number' | 'boolean' | 'string' | 'strings'> = {
  minConfidence: 'number',
  passes: 'strings',
  dict: 'strings',
  concurrency: 'number',
  outDir: 'string',
  force: 'boolean',
  field: 'string'
}

/** The nearest configuration at or above `folder`, or undefined. */
export function findConfig(folder: string = process.cwd()): Config | undefined {
  for (let at = resolve(folder); ; at = dirname(at)) {
    const rc = join(at, '.unspinrc.json')
    if (existsSync(rc)) return readConfig(rc, (json) => json)
    const pkg = join(at, 'package.json')
    if (existsSync(pkg)) {
      const found = readConfig(pkg, (json) => (json as Record<string, unknown>).unspin)
      if (found) return found
    }
    if (dirname(at) === at) return undefined
  }
}

/** Read and check one configuration file; `pick` takes the settings out of its JSON. */
export function readConfig(path: string, pick: (json: unknown) => unknown): Config | undefined {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`)
  }
  const settings = pick(json)
  if (settings === undefined) return undefined
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) throw new ConfigError(`${path}: unspin settings must be an object`)
  const config: Config = {path}
  for (const [key, value] of Object.entries(settings)) {
    const kind = KEYS[key]
    if (!kind) throw new ConfigError(`${path}: unknown setting "${key}" (known: ${Object.keys(KEYS).join(', ')})`)
    const fits = kind === 'strings' ? Array.isArray(value) && value.every((v) => typeof v === 'string') : typeof value === kind
    if (!fits) throw new ConfigError(`${path}: "${key}" must be ${kind === 'strings' ? 'an array of strings' : `a ${kind}`}`)
    ;(config as unknown as Record<string, unknown>)[key] = value
  }
  const base = dirname(path)
  if (config.dict) config.dict = config.dict.map((file) => resolve(base, file))
  if (config.outDir) config.outDir = resolve(base, config.outDir)
  return config
}

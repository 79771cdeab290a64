// Spawning the real binary (or node) the way a user runs it, for the tests.
import {spawn} from 'node:child_process'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const BIN = join(ROOT, 'bin', 'unspin.js')

/** Run a command with `input` on stdin; resolves with the exit code, the signal, stdout (a Buffer) and stderr (a string). */
export function runProcess(command, args, {input = '', cwd = ROOT, timeout = 120_000} = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {cwd, stdio: ['pipe', 'pipe', 'pipe']})
    const out = []
    const err = []
    child.stdout.on('data', (data) => out.push(data))
    child.stderr.on('data', (data) => err.push(data))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${command} ${args.join(' ')}: no exit within ${timeout} ms`))
    }, timeout)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8')})
    })
    child.stdin.on('error', () => {}) // the process may exit before reading all of it
    child.stdin.end(input)
  })
}

/** Run node with `args`, as runProcess. */
export const runNode = (args, options) => runProcess(process.execPath, args, options)

/** Run the unspin binary with `args`, as runProcess. */
export const runUnspin = (args, options) => runNode([BIN, ...args], options)

/** The same result with stdout as a string. */
export const asText = (result) => ({...result, stdout: result.stdout.toString('utf8')})

#!/usr/bin/env node
// The language data is read in the background while the code loads (help and version need none).
import {prefetchData} from '../dist/lang/data.js'

const argv = process.argv.slice(2)
if (!argv.some((arg) => /^(-h|--help|--version)$/.test(arg))) prefetchData()
const {main} = await import('../dist/cli.js')
process.exitCode = await main(argv)

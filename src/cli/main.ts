#!/usr/bin/env node
import { run } from './run.ts'

/** The `cartfold` command. Sets the exit code once stdout has taken everything. */
const code = await run(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr })
process.exitCode = code

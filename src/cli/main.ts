#!/usr/bin/env node
import { run } from './run.ts'

// A reader that stops early (`cartfold replay log.jsonl --jsonl | head`) closes the pipe: that is
// the reader's choice, not a failure of the command, so stop quietly instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

/**
 * The `cartfold` command. Sets the exit code once stdout has taken everything. (No top-level
 * `await`: the file is also compiled to CommonJS, where there is none.)
 */
void run(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code
})

#!/usr/bin/env node
import { reasonOf } from './output.ts'
import { run } from './run.ts'

// A reader that stops early (`cartfold replay log.jsonl --jsonl | head`) closes the pipe: that is
// the reader's choice, not a failure of the command, so stop quietly. Any other failure to write
// (a full disk: `> /dev/full`) is said in one line, exit 3, never a stack trace.
for (const [name, stream] of [['stdout', process.stdout], ['stderr', process.stderr]] as const) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    if (name === 'stdout') process.stderr.write(`cartfold: stdout could not be written: ${reasonOf(error)}\n`)
    process.exit(3)
  })
}

/**
 * The `cartfold` command. Sets the exit code once stdout has taken everything. (No top-level
 * `await`: the file is also compiled to CommonJS, where there is none.)
 */
void run(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code
})

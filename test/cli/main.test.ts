import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawn } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')

test('a reader that closes the pipe early stops the command quietly (no EPIPE crash)', async () => {
  const child = spawn(process.execPath, ['-C', 'cartfold-source', '--import', 'tsx', 'src/cli/main.ts', 'replay', 'examples/sessions.jsonl', '--view', 'v2', '--jsonl'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += String(chunk)))
  // Like `| head -c 100`: take the first chunk, then close our end of the pipe.
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
  child.stdout.destroy()
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  assert.not.match(stderr, /EPIPE|Unhandled/)
  assert.is(code, 0, stderr)
})

test.run()

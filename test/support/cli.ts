import { PassThrough, Readable } from 'node:stream'
import { run } from '../../src/cli/run.ts'

/** Runs the `cartfold` command in-process with `argv` and `stdinText` as its stdin: its exit code and what it wrote. */
export const cli = async (argv: string[], stdinText = '') => {
  const out: string[] = []
  const err: string[] = []
  const sink = (to: string[]) => {
    const s = new PassThrough()
    s.on('data', (c) => to.push(String(c)))
    return s
  }
  const code = await run(argv, { stdin: Readable.from([Buffer.from(stdinText)]), stdout: sink(out), stderr: sink(err) })
  // Let the sinks deliver what was written last.
  await new Promise((r) => setImmediate(r))
  return { code, out: out.join(''), err: err.join('') }
}

// Runs the `cartfold` command in-process and prints what a terminal would show: the command
// line, its stdout, its stderr, and the exit code. Used by the replay-*.ts examples of docs/replay.md.
import { PassThrough, Readable } from 'node:stream'
import { run } from '../../src/cli/run.ts'

const collect = (to: string[]) => {
  const s = new PassThrough()
  s.on('data', (c) => to.push(String(c)))
  return s
}

export const transcript = async (shown: string, argv: string[], stdin = ''): Promise<void> => {
  const out: string[] = []
  const err: string[] = []
  const code = await run(argv, { stdin: Readable.from([Buffer.from(stdin)]), stdout: collect(out), stderr: collect(err) })
  await new Promise((resolve) => setImmediate(resolve))
  process.stdout.write(`$ ${shown}\n${out.join('')}${err.join('')}$ echo $?\n${code}\n`)
}

import type { ReplayProgress } from '../log/replay.ts'

/**
 * A progress bar on a terminal's stderr: events per second and percent of bytes read, redrawn
 * at most ten times a second. Silent when stderr is not a terminal.
 */
export const progressBar = (stderr: NodeJS.WriteStream | NodeJS.WritableStream, now: () => number = Date.now) => {
  const tty = (stderr as NodeJS.WriteStream).isTTY === true
  const started = now()
  let drawn = 0
  const update = (p: ReplayProgress) => {
    if (!tty || now() - drawn < 100) return
    drawn = now()
    const seconds = Math.max((drawn - started) / 1000, 0.001)
    const rate = Math.round(p.linesRead / seconds)
    const fraction = p.totalBytes === undefined || p.totalBytes === 0 ? undefined : Math.min(1, p.bytesRead / p.totalBytes)
    const width = 30
    const bar = fraction === undefined ? '' : `[${'#'.repeat(Math.round(fraction * width)).padEnd(width, '.')}] ${(fraction * 100).toFixed(0).padStart(3)}% `
    stderr.write(`\r${bar}${p.linesRead} lines, ${rate} events/s, ${p.rejected} rejected `)
  }
  const done = () => {
    if (tty && drawn > 0) stderr.write('\r\x1b[K')
  }
  return { update, done }
}

import type { ReplayProgress } from '../log/replay.ts'
import { count } from './format.ts'

/**
 * A progress bar on a terminal's stderr: percent of bytes read, lines and events per second,
 * redrawn in place at most ten times a second. The line is fit to the terminal's width (the bar
 * shrinks, then the words go) so that it never wraps. Silent when stderr is not a terminal.
 */
export const progressBar = (stderr: NodeJS.WriteStream | NodeJS.WritableStream, now: () => number = Date.now) => {
  const tty = (stderr as NodeJS.WriteStream).isTTY === true
  const started = now()
  let drawn = 0
  const update = (p: ReplayProgress) => {
    if (!tty || now() - drawn < 100) return
    drawn = now()
    // One column spare: a line that fills the last column wraps on some terminals.
    const width = Math.max(10, ((stderr as NodeJS.WriteStream).columns ?? 80) - 1)
    const seconds = Math.max((drawn - started) / 1000, 0.001)
    const words = `${count(p.linesRead)} lines, ${count(Math.round(p.linesRead / seconds))}/s, ${count(p.rejected)} rejected`
    const fraction = p.totalBytes === undefined || p.totalBytes === 0 ? undefined : Math.min(1, p.bytesRead / p.totalBytes)
    let text = words
    if (fraction !== undefined) {
      const percent = `${(fraction * 100).toFixed(0).padStart(3)}%`
      const bar = Math.min(30, width - words.length - percent.length - 4)
      text = bar >= 5 ? `[${'#'.repeat(Math.round(fraction * bar)).padEnd(bar, '.')}] ${percent} ${words}` : `${percent} ${words}`
    }
    stderr.write(`\r${text.slice(0, width)}\x1b[K`)
  }
  const done = () => {
    if (tty && drawn > 0) stderr.write('\r\x1b[K')
  }
  return { update, done }
}

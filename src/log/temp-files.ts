import { rmSync } from 'node:fs'

/**
 * The temporary files of this process, removed when it exits or is interrupted (SIGINT,
 * SIGTERM) before it removed them itself: a failed or interrupted write leaves none behind.
 * The handlers are installed only while there is a file to remove.
 */
const live = new Set<string>()
const signals = ['SIGINT', 'SIGTERM'] as const

const removeAll = () => {
  for (const path of live) rmSync(path, { force: true, recursive: true })
  live.clear()
}

const onSignal = (signal: NodeJS.Signals) => {
  removeAll()
  uninstall()
  // Nobody else listens: do what the signal would have done.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
}

const install = () => {
  process.on('exit', removeAll)
  for (const s of signals) process.on(s, onSignal)
}
const uninstall = () => {
  process.off('exit', removeAll)
  for (const s of signals) process.off(s, onSignal)
}

/** Registers a temporary path for removal at exit; returns it. */
export const track = (path: string): string => {
  if (live.size === 0) install()
  live.add(path)
  return path
}

/** The path was removed or renamed into place: no longer ours to remove. */
export const untrack = (path: string): void => {
  if (live.delete(path) && live.size === 0) uninstall()
}

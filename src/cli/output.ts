/** Writes `text` to `out`, waiting while it is full: output of any size in bounded memory. */
export const write = async (out: NodeJS.WritableStream, text: string): Promise<void> => {
  if (out.write(text)) return
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done)
      out.off('close', done)
      out.off('error', done)
      resolve()
    }
    out.on('drain', done).on('close', done).on('error', done)
  })
}

/** Documents written as one JSON array, element by element, or as JSON Lines. */
export const jsonWriter = (out: NodeJS.WritableStream, array: boolean) => {
  let n = 0
  return {
    add: (doc: unknown) => write(out, array ? `${n++ === 0 ? '[\n' : ',\n'}${JSON.stringify(doc, null, 2)}` : `${JSON.stringify(doc)}\n`),
    end: () => (array ? write(out, n === 0 ? '[]\n' : '\n]\n') : Promise.resolve()),
  }
}

const reasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a parent is not a directory',
  EISDIR: 'is a directory',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  EEXIST: 'already exists',
  EMFILE: 'too many open files',
}

/** Why an I/O error happened, without the path it names (the caller names the path it was given). */
export const reasonOf = (cause: unknown): string => {
  const code = (cause as { code?: unknown } | null)?.code
  if (typeof code === 'string' && reasons[code] !== undefined) return `${reasons[code]} (${code})`
  return cause instanceof Error ? cause.message : String(cause)
}

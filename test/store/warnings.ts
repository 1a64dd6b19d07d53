/**
 * Runs `body` with the process warnings it causes collected into the array it is given; the
 * listener is removed however `body` ends, so a failed assertion cannot leak it into other tests.
 */
export const withWarnings = async (body: (warnings: string[]) => Promise<void>): Promise<void> => {
  const warnings: string[] = []
  const onWarning = (warning: Error): void => {
    warnings.push(warning.message)
  }
  // Node's own listener prints every warning to stderr: set it aside while the warnings are collected.
  const printers = process.listeners('warning')
  process.removeAllListeners('warning')
  process.on('warning', onWarning)
  try {
    await body(warnings)
  } finally {
    process.off('warning', onWarning)
    for (const printer of printers) process.on('warning', printer)
  }
}

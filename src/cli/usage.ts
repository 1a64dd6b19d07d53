import { readFileSync, realpathSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { viewNames } from './views.ts'

const views = ['summary', ...viewNames]

/** Each command's usage, shown by `cartfold <command> --help`. */
export const usages = {
  replay: `usage: cartfold replay <log.jsonl[.gz]|-> [options]
  folds every session of the log; prints a summary, or each session's view
  --view NAME       summary (the default), or a Talon.One shape: v2 (CustomerSessionV2),
                    v2-legacy, v1 (CustomerSession), application (ApplicationSession)
  --json            the summary as JSON, or the views as one JSON array (streamed)
  --jsonl           the projections (summary) or the views, one JSON document per line
  --wide            tables with every column (by default they fit 80 columns)
  --policy FILE     a discount policy: previews the discounts of open sessions
  --rejects FILE    a file receiving the rejected lines, byte for byte
  --max-line SIZE   the longest line read (16M by default); longer ones are LineTooLong
`,
  export: `usage: cartfold export <log.jsonl[.gz]|-> [--out FILE[.gz]]
  writes the log's usable events, upcast to the current shape, to FILE or stdout
`,
  stats: `usage: cartfold stats <log.jsonl[.gz]|-> [--json] [--wide]
  counts by event type and state, totals, top rejection reasons
`,
  serve: `usage: cartfold serve [options]
  Talon.One's customer-session API over HTTP (see docs/http.md); logs each request to stderr,
  stops on SIGTERM or SIGINT once the requests in flight are answered
  --host HOST           the address listened on (127.0.0.1 by default)
  --port PORT           the port (0 by default: any free one); prints "listening on http://HOST:PORT"
  --database-url URL    a PostgreSQL database (in memory without)
  --policy FILE         the discount policy
  --keys FILE           the accepted API and management keys; without, any ApiKey-v1 key is
                        application 1's (a development server)
  --currency CODE       the currency of the sessions created without one (USD by default)
`,
} as const

export type CommandName = keyof typeof usages

const exitCodes = `exit codes: 0 every line used, 1 some lines rejected, 2 bad usage,
            3 the log or an output could not be read or written;
            serve: 0 stopped, 1 could not start, 2 bad usage
`

/** The whole usage, for `cartfold --help`. */
export const usage = `usage: cartfold <command> [options]   (cartfold <command> --help for one command)
${Object.values(usages).map((u) => u.replace(/^usage: /, '')).join('')}${exitCodes}`

/**
 * `cartfold --version`: the version in cartfold's package.json, found by walking up from the
 * running script (the bin in an installed package, `src/cli/main.ts` in the repository):
 * `import.meta` is not available to the CommonJS build.
 */
export const version = (): string => {
  let dir = dirname(realpathSync(process.argv[1] ?? '.'))
  for (let up = 0; up < 8; up++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown }
      if (pkg.name === 'cartfold') return String(pkg.version)
    } catch {
      // no package.json at this level: keep walking up
    }
  }
  return 'unknown'
}

/** Parses a size such as `512M`, `16MiB`, `1g` or `4096` into bytes; undefined when it is none. */
export const parseSize = (text: string): number | undefined => {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(text.trim())
  if (m === null) return undefined
  const bytes = Math.floor(Number(m[1]) * 1024 ** ' kmgt'.indexOf((m[2] || ' ').toLowerCase()))
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined
}

export { views }

import { readFileSync } from 'node:fs'
import { transcript } from './replay-transcript.ts'

// One session of the sample, as `grep '"session-…"' examples/broken.jsonl` gives it.
const sample = readFileSync('examples/broken.jsonl', 'utf8').split('\n')
const session = (id: string) => sample.filter((line) => line.includes(`"${id}"`)).join('\n')
const grep = (id: string) => `grep '"${id}"' examples/broken.jsonl | `

// An open session: its discounts are a preview, shown only with a policy.
await transcript(`${grep('session-00025')}cartfold replay - --view v1`, ['replay', '-', '--view', 'v1'], session('session-00025'))
await transcript(
  `${grep('session-00025')}cartfold replay - --view v1 --policy examples/policy.json`,
  ['replay', '-', '--view', 'v1', '--policy', 'examples/policy.json'],
  session('session-00025'),
)
// A closed session: its discounts are what its close recorded, with or without a policy.
await transcript(`${grep('session-00026')}cartfold replay - --view application --json`, ['replay', '-', '--view', 'application', '--json'], session('session-00026'))

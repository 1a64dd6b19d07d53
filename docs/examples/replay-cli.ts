import { transcript } from './replay-transcript.ts'

await transcript('cartfold replay examples/broken.jsonl', ['replay', 'examples/broken.jsonl'])
await transcript('cartfold stats examples/broken.jsonl', ['stats', 'examples/broken.jsonl'])

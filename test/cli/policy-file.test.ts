import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { cli } from '../support/cli.ts'

const dir = mkdtempSync(join(tmpdir(), 'cartfold-policy-'))
test.after(() => rmSync(dir, { recursive: true, force: true }))

test('--policy refuses a file that is not a regular file, or one over the size limit, without reading it', async () => {
  const big = join(dir, 'big.json')
  writeFileSync(big, `{"rules":[]${' '.repeat(2 << 20)}}`)
  for (const [path, why] of [['/dev/zero', 'not a regular file'], [dir, 'not a regular file'], [big, 'over the limit of 1048576 bytes']] as const) {
    const r = await cli(['replay', 'examples/sessions.jsonl', '--policy', path])
    assert.is(r.code, 2, path)
    assert.match(r.err, `--policy ${path}: `)
    assert.match(r.err, why)
  }
})

test.run()

import { execFile } from 'node:child_process'
import { test } from 'uvu'
import * as assert from 'uvu/assert'

/**
 * A 1,000,000-event log (about 300 MB of text) replayed in a child whose heap is capped at
 * 96 MB: it could not be held in memory, so finishing proves the replay streams. The heap after
 * a full GC at the end is compared with the heap at 100,000 events: the log's size must not show.
 */
test('a 1,000,000-event log replays in a capped heap that does not grow with the file', async () => {
  const out = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ['--max-old-space-size=96', '--expose-gc', '--import', 'tsx', 'test/log/streaming-child.ts', '1000000'],
      { maxBuffer: 1 << 20 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    ),
  )
  const result = JSON.parse(out) as { read: number; applied: number; rejected: number; sessions: number; early: number; late: number }
  assert.equal([result.read, result.applied, result.rejected, result.sessions], [1_000_000, 1_000_000, 0, 1000])
  // Generous: holding the lines or events would take hundreds of megabytes, not a few.
  const growth = result.late - result.early
  assert.ok(growth < 16 * 2 ** 20, `heap grew by ${(growth / 2 ** 20).toFixed(1)} MB between 100k and 1M events`)
})

test.run()

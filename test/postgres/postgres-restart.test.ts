import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { delay, dropSchema, eventually, freshSchema, makeStore, pgUrl, skipNotice } from './support.ts'

const test = suite('postgres server restart')
const run = promisify(execFile)
const pgCtl = process.env.CARTFOLD_PG_CTL

if (pgUrl === undefined) {
  skipNotice('PostgreSQL restart test')
} else if (pgCtl === undefined || pgCtl === '') {
  skipNotice('PostgreSQL restart test', 'CARTFOLD_PG_CTL is not set, so the server cannot be restarted (scripts/with-postgres.sh sets it)')
} else {
  const schema = freshSchema('restart')
  test.after(() => dropSchema(schema))

  test('the server crashes and restarts mid-run: no acknowledged event is lost or doubled', async () => {
    const writer = makeStore(schema, { maxConnections: 4 })
    const observer = makeStore(schema, { pollIntervalMs: 25 })
    await writer.migrate()
    const seen: number[] = []
    const sub = observer.subscribe((e) => {
      seen.push(e.metadata.globalPosition)
    })

    const acknowledged: string[] = []
    const notAppended: string[] = []
    const unknown: string[] = []
    let stop = false
    let acksAfterRestart = 0
    let restarted = false
    const loop = async (w: number): Promise<void> => {
      for (let i = 0; !stop && i < 100_000; i++) {
        const id = `${w}.${i}`
        const r = await writer.appendToStream(`s-${i % 5}`, [{ type: 'Tick', data: { id } }])
        if (E.isRight(r)) {
          acknowledged.push(id)
          if (restarted) acksAfterRestart++
        } else {
          assert.is(r.left.code, 'StoreUnavailable')
          ;(r.left.message.includes('nothing was appended') ? notAppended : unknown).push(id)
          await delay(20)
        }
      }
    }
    const loops = [0, 1, 2].map(loop)
    try {
      await eventually(() => acknowledged.length >= 60, 'appends before the crash')
      await run(pgCtl, ['stop', 'immediate'])
      await run(pgCtl, ['start'])
      restarted = true
      await eventually(() => acksAfterRestart >= 60, 'appends after the restart', 60_000)
    } finally {
      stop = true
      await Promise.all(loops)
    }
    console.log(
      `    ${acknowledged.length} acknowledged, ${notAppended.length} refused while down, ${unknown.length} with unknown outcome`,
    )
    assert.ok(notAppended.length + unknown.length > 0, 'the writers did notice the crash')

    const all = await observer.readAll()
    const count = new Map<string, number>()
    for (const e of all) {
      const id = (e.data as { id: string }).id
      count.set(id, (count.get(id) ?? 0) + 1)
    }
    for (const id of acknowledged) assert.is(count.get(id), 1, `acknowledged ${id} is stored once`)
    for (const id of notAppended) assert.is(count.get(id), undefined, `refused ${id} is not stored`)
    for (const id of unknown) assert.ok((count.get(id) ?? 0) <= 1, `${id} is stored at most once`)
    assert.is(all.length, acknowledged.length + unknown.filter((id) => count.has(id)).length)
    assert.equal(all.map((e) => e.metadata.globalPosition), all.map((_, i) => i + 1), 'no gap in global positions')
    for (let s = 0; s < 5; s++) {
      const stream = await observer.readStream(`s-${s}`)
      assert.equal(stream.events.map((e) => e.metadata.streamVersion), stream.events.map((_, i) => i + 1))
    }
    // the subscriber lived through the crash: it catches up, once each, in order
    await eventually(() => seen.length >= all.length, 'the subscriber to catch up', 30_000)
    assert.equal(seen, all.map((e) => e.metadata.globalPosition))

    sub.unsubscribe()
    await writer.close()
    await observer.close()
  })
}

test.run()

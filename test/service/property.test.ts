import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { createSessionService, fold, project, type SessionEvent, type SessionProjection } from '../../src/index.ts'
import { createInMemoryEventStore, steppingClock, served } from './fixtures.ts'

const test = suite('session service: interleaved writers (property)')

const sessionIds = ['s0', 's1', 's2', 's3']
const profiles = ['', 'alice', 'bob']

/** Commands of every kind, many of them refused in the state they meet: that is part of the test. */
const commandArb = (sessionId: string) =>
  fc.oneof(
    fc.record({ profileId: fc.constantFrom(...profiles), lines: fc.nat(2) }).map(({ profileId, lines }) => ({
      type: 'CreateSession',
      data: {
        integrationId: sessionId,
        applicationId: 1,
        profileId,
        ...(lines === 0 ? {} : { cartItems: Array.from({ length: lines }, (_, i) => ({ sku: `c${i}`, price: 2, quantity: 2 })) }),
      },
    })),
    fc.record({ sku: fc.constantFrom('a', 'b', 'c'), quantity: fc.integer({ min: 1, max: 3 }) }).map(({ sku, quantity }) => ({
      type: 'AddItems',
      data: { cartItems: [{ sku, quantity, price: 1.5 }] },
    })),
    fc.record({ position: fc.nat(3), quantity: fc.integer({ min: 1, max: 2 }) }).map((entry) => ({ type: 'RemoveItems', data: { items: [entry] } })),
    fc.constantFrom(...profiles).map((profileId) => ({ type: 'UpdateSession', data: { profileId } })),
    fc.constant({ type: 'CloseSession', data: {} }),
    fc.constant({ type: 'ReopenSession', data: {} }),
    fc.record({ returnId: fc.constantFrom('r1', 'r2'), position: fc.nat(2) }).map(({ returnId, position }) => ({
      type: 'ReturnItems',
      data: { returnId, items: [{ position, quantity: 1 }] },
    })),
    fc.constant({ type: 'CancelSession', data: {} }),
  )

const stepArb = fc
  .constantFrom(...sessionIds)
  .chain((sessionId) => fc.record({ sessionId: fc.constant(sessionId), command: commandArb(sessionId), dry: fc.integer({ min: 0, max: 4 }).map((n) => n === 0) }))

/** A writer: an instance to write through and the commands it sends, one after another. */
const writerArb = fc.record({ instance: fc.nat(2), steps: fc.array(stepArb, { minLength: 1, maxLength: 12 }) })

const strip = (events: ReadonlyArray<{ type: string; data: unknown }>) => events.map(({ type, data }) => ({ type, data }))

test('nothing is lost or duplicated, and every stream replays to what the service reports', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(writerArb, { minLength: 2, maxLength: 8 }), fc.integer({ min: 1, max: 3 }), async (writers, instances) => {
      const store = createInMemoryEventStore()
      const clock = steppingClock()
      const services = Array.from({ length: instances }, () => createSessionService({ store, clock, maxRetries: 50 }))
      type Success = { sessionId: string; events: ReadonlyArray<SessionEvent>; projection: SessionProjection; next: number }
      const successes: Success[] = []
      await Promise.all(
        writers.map(async ({ instance, steps }) => {
          const service = services[instance % instances]!
          const lastVersion = new Map<string, number>()
          for (const { sessionId, command, dry } of steps) {
            const result = await service.execute(sessionId, command, { dry })
            if (E.isLeft(result)) {
              assert.is.not(result.left.code, 'ConcurrencyConflict', 'retries absorb every race here')
              continue
            }
            const { events, projection, nextExpectedStreamVersion: next } = result.right
            if (dry) continue // a dry run's version is where the stream would be
            assert.ok(next >= (lastVersion.get(sessionId) ?? 0), 'one writer sees its session move forward only')
            lastVersion.set(sessionId, next)
            if (events.length > 0) successes.push({ sessionId, events, projection, next })
          }
        }),
      )

      const all = await store.readAll()
      // Every recorded event belongs to exactly one success, at the versions it reported.
      assert.is(successes.reduce((n, s) => n + s.events.length, 0), all.length)
      for (const success of successes) {
        const { events } = await store.readStream(success.sessionId, { from: success.next - success.events.length + 1, to: success.next })
        assert.equal(strip(events), strip(success.events))
      }
      // Session ids: 1..n, in creation (global) order.
      const ids = all.filter((e) => e.type === 'Created').map((e) => (e.data as { id: number }).id)
      assert.equal(ids, ids.map((_, i) => i + 1))
      // Profiles numbered by first appearance in global order.
      const numbers = new Map<string, number>([['', 0]])
      for (const event of all) {
        const profileId = (event.data as { profileId?: unknown }).profileId
        if ((event.type === 'Created' || event.type === 'Updated') && typeof profileId === 'string' && !numbers.has(profileId)) numbers.set(profileId, numbers.size)
      }
      for (const sessionId of sessionIds) {
        const { events, streamExists } = await store.readStream(sessionId)
        const latest = successes.filter((s) => s.sessionId === sessionId).sort((a, b) => b.next - a.next)[0]
        for (const service of services) {
          const got = O.toUndefined(await service.get(sessionId))
          if (!streamExists) {
            assert.is(got, undefined)
            continue
          }
          const replayed = project(fold(strip(events) as SessionEvent[]))
          replayed.profileInternalId = numbers.get(replayed.profileId)!
          assert.equal(got, replayed, `${sessionId} as the service reports it`)
          if (latest !== undefined && latest.next === events.length) assert.equal(latest.projection, replayed)
        }
      }
      const listed = served(await services[0]!.list({}))
      assert.is(listed.total, ids.length)
      for (const service of services) service.close()
    }),
    { numRuns: 60 },
  )
})

test.run()

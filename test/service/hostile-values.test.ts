import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as O from 'fp-ts/lib/Option.js'
import { createSessionService, initialState, type SessionError } from '../../src/index.ts'
import { commandFromReturn, commandsFromUpdateV2 } from '../../src/talon/index.ts'
import { addItems, create, createInMemoryEventStore, fixedClock, item, left, right } from './fixtures.ts'

const test = suite('session service: hostile values are refused as values, never thrown')

const boom = (): never => {
  throw new Error('boom')
}
const revoked = <T extends object>(target: T): T => {
  const { proxy, revoke } = Proxy.revocable(target, {})
  revoke()
  return proxy
}
/** A command whose every read of `type` throws. */
const unreadable = () => ({ get type(): string { return boom() }, data: {} })

/** `call` must return a promise (not throw) that resolves to a `ValidationFailed` at `path`. */
const refused = async <A>(what: string, call: () => Promise<{ _tag: 'Left'; left: SessionError } | { _tag: 'Right'; right: A }>, path?: string): Promise<SessionError> => {
  let promise: ReturnType<typeof call>
  try {
    promise = call()
  } catch (error) {
    return assert.unreachable(`${what} threw: ${String(error)}`) as never
  }
  const error = left(await promise, 'ValidationFailed')
  if (path !== undefined) assert.is(error.path, path, `${what}: ${error.message}`)
  return error
}

test('execute and executeAll: commands, command lists and options that cannot be read', async () => {
  const store = createInMemoryEventStore()
  const service = createSessionService({ store, clock: fixedClock(), applicationId: 1 })
  right(await service.execute('a', create('a')))
  const options = { get dry(): boolean { return boom() } }
  assert.match((await refused('execute(getter)', () => service.execute('a', unreadable(), undefined), 'command')).message, 'command: could not be read: boom')
  await refused('execute(revoked)', () => service.execute('a', revoked({})), 'command')
  await refused('execute(create getter)', () => service.execute('b', { type: 'CreateSession', get data(): unknown { return boom() } }), 'command')
  assert.match((await refused('execute(options getter)', () => service.execute('a', addItems(item('x')), options), 'options')).message, 'options: could not be read: boom')
  await refused('execute(options revoked)', () => service.execute('a', addItems(item('x')), revoked({})), 'options')
  await refused('execute(unprintable expected version)', () => service.execute('a', addItems(item('x')), { expectedStreamVersion: Object.create(null) }), 'options.expectedStreamVersion')
  await refused('executeAll(getter)', () => service.executeAll('a', [addItems(item('x')), unreadable()]), 'commands[1]')
  await refused('executeAll(options getter)', () => service.executeAll('a', [addItems(item('x'))], options), 'options')
  await refused('executeAll(revoked list)', () => service.executeAll('a', revoked([])), 'commands')
  await refused('executeAll(trapped list)', () => service.executeAll('a', new Proxy([addItems(item('x'))], { get: boom })), 'commands')
  // nothing was stored, and the service goes on
  assert.equal((await store.readAll()).map((e) => e.type), ['Created'])
  right(await service.execute('a', addItems(item('x'))))
  assert.equal(O.toUndefined(await service.get('a'))?.cartItems.map((line) => line.sku), ['x'])
  service.close()
})

test('a command that reads differently the second time is refused, not thrown', async () => {
  const service = createSessionService({ clock: fixedClock() })
  right(await service.execute('a', create('a')))
  let reads = 0
  // checkCreates reads it fine; the service's later reads throw
  const flaky = { get type(): string { return ++reads > 1 ? boom() : 'AddItems' }, data: { cartItems: [item('x')] } }
  left(await service.execute('a', flaky), 'ValidationFailed')
  service.close()
})

test('executeAll decides the commands as given: changing the array afterwards changes nothing', async () => {
  const store = createInMemoryEventStore()
  const service = createSessionService({ store, clock: fixedClock() })
  const commands: unknown[] = [addItems(item('x'))]
  const first = service.execute('b', addItems(item('y'))) // takes session b's turn first
  const all = service.executeAll('b', commands)
  commands[0] = create('other') // would create session "other" in stream b, past the checks
  left(await first, 'SessionNotFound')
  left(await all, 'SessionNotFound')
  assert.equal(await store.readAll(), [])
  service.close()
})

test('list: a query that cannot be read is a page with an error, not a rejection', async () => {
  const service = createSessionService({ clock: fixedClock() })
  right(await service.execute('a', create('a')))
  for (const query of [{ get state(): string { return boom() } }, revoked({})]) {
    const page = await service.list(query as never)
    assert.equal([page.items, page.total, page.error?.code, page.error?.path], [[], 0, 'ValidationFailed', 'ListQuery'])
    assert.match(page.error!.message, 'list refused: the query could not be read')
  }
  assert.is((await service.list()).total, 1)
  service.close()
})

test("Talon.One's requests: a payload that cannot be read is ValidationFailed", async () => {
  const service = createSessionService({ clock: fixedClock(), applicationId: 1 })
  const update = { customerSession: { get cartItems(): unknown { return boom() } } }
  assert.match((await refused('executeUpdateV2(getter)', () => service.executeUpdateV2('u1', update), 'payload')).message, 'the payload could not be read: boom')
  await refused('executeUpdateV2(revoked)', () => service.executeUpdateV2('u1', revoked({})), 'payload')
  await refused('executeReturn(getter)', () => service.executeReturn('u1', { get return(): unknown { return boom() } }), 'payload')
  await refused('executeReturn(revoked)', () => service.executeReturn('u1', revoked({})), 'payload')
  assert.ok(O.isNone(await service.get('u1')))
  // the functions behind them, called directly
  left(commandsFromUpdateV2(initialState, update, { integrationId: 'u1', applicationId: 1 }), 'ValidationFailed')
  left(commandFromReturn(revoked({})), 'ValidationFailed')
  service.close()
})

test.run()

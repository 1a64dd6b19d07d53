import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  DeciderSpecification,
  EmmettError,
  ExpectedVersionConflictError,
  IllegalStateError,
  isExpectedVersionConflictError,
  NotFoundError,
  ValidationError,
} from '@event-driven-io/emmett'
import type { SessionErrorCode } from '../../src/index.ts'
import { sessionError } from '../../src/domain/errors.ts'
import { emmettDecider, sessionErrorOf, toEmmettError } from '../../src/emmett/index.ts'
import {
  addItems,
  cartItem,
  closed,
  closeSession,
  created,
  createSession,
  itemsAdded,
  now,
  percentOff,
  policy,
  returnItems,
} from '../../src/testing/index.ts'

const test = suite('cartfold/emmett: the decider in Emmett shape, under DeciderSpecification')

const clock = () => new Date(now)
const spec = DeciderSpecification.for(emmettDecider({ clock }))

/** Emmett's thenThrows condition: the refusal carried, by code. */
const refusedWith = (code: SessionErrorCode) => (error: unknown) => sessionErrorOf(error)?.code === code

test('given / when / then: the events decided', () => {
  spec([]).when(createSession('s-1', { profileId: 'p-1' })).then([created()])
  spec([created()]).when(addItems(cartItem({ sku: 'TEA' }))).then([itemsAdded([cartItem({ sku: 'TEA' })])])
  spec(created()).when(closeSession()).then(closed())
})

test('the time is the command metadata now when given (Emmett default metadata), else the clock', () => {
  const at = new Date('2027-03-04T05:06:07.000Z')
  spec([created()]).when({ ...closeSession(), metadata: { now: at } }).then([closed([], at.toISOString())])
})

test('refusals are thrown as Emmett error types, each carrying the SessionError', () => {
  spec([]).when(addItems(cartItem())).thenThrows(NotFoundError, refusedWith('SessionNotFound'))
  spec([created()]).when(createSession()).thenThrows(IllegalStateError, refusedWith('SessionAlreadyExists'))
  spec([created(), closed()]).when(closeSession()).thenThrows(IllegalStateError, refusedWith('InvalidTransition'))
  spec([created()]).when(addItems(cartItem({ quantity: 0 }))).thenThrows(ValidationError, refusedWith('ValidationFailed'))
  spec([created(), itemsAdded([cartItem()]), closed()]).when(returnItems([{ position: 5, quantity: 1 }])).thenThrows(IllegalStateError, refusedWith('UnknownPosition'))
  spec([created(), itemsAdded([cartItem()]), closed()]).when(returnItems([{ position: 0, quantity: 2 }])).thenThrows(IllegalStateError, refusedWith('ReturnExceedsRemaining'))
  spec([created()]).when(addItems(cartItem({ quantity: 10_001 }))).thenThrows(IllegalStateError, refusedWith('CartLimitExceeded'))
  spec([created()]).when(addItems(cartItem({ price: 1e14 }))).thenThrows(ValidationError, refusedWith('AmountOutOfRange'))
})

test('the refusal thrown says what, where and why', () => {
  try {
    emmettDecider({ clock }).decide(closeSession(), [created(), closed()].reduce(emmettDecider().evolve, emmettDecider().initialState()))
    assert.unreachable('a second close is refused')
  } catch (error) {
    assert.instance(error, IllegalStateError)
    assert.is((error as IllegalStateError).errorCode, 403)
    assert.match((error as Error).message, 'session "s-1" (closed) refuses CloseSession')
    assert.equal(sessionErrorOf(error), { code: 'InvalidTransition', message: (error as Error).message, sessionId: 's-1', state: 'closed', action: 'CloseSession' })
  }
})

test('the context given at build time: a policy, an id source, a default currency', () => {
  const decider = emmettDecider({ clock, policy: policy(percentOff('tenth', 10)), newId: () => 'rma-7', currency: 'EUR' })
  const evolve = (events: Parameters<typeof decider.evolve>[1][]) => events.reduce(decider.evolve, decider.initialState())
  const [event] = decider.decide(createSession(), decider.initialState()) as ReturnType<typeof created>[]
  assert.is(event!.data.currency, 'EUR')
  const history = [created(), itemsAdded([cartItem({ price: 50 })])]
  const [close] = decider.decide(closeSession(), evolve(history)) as ReturnType<typeof closed>[]
  assert.is(close!.data.effects[0]!.ruleName, 'tenth')
  const [returned] = decider.decide(returnItems([{ position: 0, quantity: 1 }]), evolve([...history, close!])) as { data: { returnId: string } }[]
  assert.is(returned!.data.returnId, 'rma-7')
  assert.is(decider.isTerminal(decider.initialState()), false)
})

test('the events decided share nothing with the command, and are frozen', () => {
  const attributes = { colour: 'red' }
  const command = addItems(cartItem({ attributes }))
  const decider = emmettDecider({ clock })
  const [event] = decider.decide(command, decider.evolve(decider.initialState(), created())) as ReturnType<typeof itemsAdded>[]
  assert.ok(Object.isFrozen(event!.data.cartItems[0]!.attributes))
  assert.is.not(event!.data.cartItems[0]!.attributes, attributes)
  attributes.colour = 'blue'
  assert.equal(event!.data.cartItems[0]!.attributes, { colour: 'red' })
})

test('a clock that throws, or a metadata.now that is no date, is a ValidationError naming it', () => {
  const broken = emmettDecider({ clock: () => { throw new Error('no time') } })
  DeciderSpecification.for(broken)([created()]).when(closeSession()).thenThrows(ValidationError, (error) => {
    const refusal = sessionErrorOf(error)
    return refusal?.path === 'clock' && refusal.message === 'CloseSession refused: the clock gave no usable time: no time'
  })
  spec([created()]).when({ ...closeSession(), metadata: { now: new Date(Number.NaN) } }).thenThrows(ValidationError, (error) => sessionErrorOf(error)?.path === 'metadata.now')
  DeciderSpecification.for(broken)([]).when(null as never).thenThrows(ValidationError, (error) => /expected an object \{ type, data \}/.test(sessionErrorOf(error)!.message))
  const hostile = new Proxy(closeSession(), { get: (target, key) => { if (key === 'metadata') throw new Error('trap'); return Reflect.get(target, key) } })
  spec([created()]).when(hostile).thenThrows(ValidationError, (error) => sessionErrorOf(error)?.message === 'CloseSession refused: its metadata could not be read: trap')
})

test('toEmmettError: every code to its Emmett type; a conflict is what Emmett retries', () => {
  const cases: Array<[SessionErrorCode, Function, number]> = [
    ['ValidationFailed', ValidationError, 400],
    ['AmountOutOfRange', ValidationError, 400],
    ['SessionNotFound', NotFoundError, 404],
    ['SessionAlreadyExists', IllegalStateError, 403],
    ['InvalidTransition', IllegalStateError, 403],
    ['CartLimitExceeded', IllegalStateError, 403],
    ['UnknownPosition', IllegalStateError, 403],
    ['ReturnExceedsRemaining', IllegalStateError, 403],
    ['ConcurrencyConflict', ExpectedVersionConflictError, 412],
    ['StoreUnavailable', EmmettError, 500],
    ['CallbackFailed', EmmettError, 500],
  ]
  for (const [code, type, status] of cases) {
    const refusal = sessionError(code, `${code} happened`, { sessionId: 's-1', expected: 1, actual: 2 })
    const error = toEmmettError(refusal)
    assert.instance(error, type, code)
    assert.is(error.errorCode, status, code)
    assert.is(error.message, `${code} happened`)
    assert.is(sessionErrorOf(error), refusal)
    assert.is(isExpectedVersionConflictError(error), code === 'ConcurrencyConflict', code)
  }
  assert.is(sessionErrorOf(new ValidationError('not ours')), undefined)
  assert.is(sessionErrorOf(new Error('not Emmett')), undefined)
})

test.run()

import type { AnyEvent, RecordedEvent, SubscribeOptions } from './event-store.ts'
import { afterOf } from './read-bounds.ts'
import { describeThrown } from '../domain/messages.ts'

/**
 * Where every store reports a subscription handler that threw or rejected (the subscription has
 * already stopped): the subscriber's `onError`, or else a process warning, so a failure is never
 * silent. A reporter that throws is swallowed: it must not take the process down either.
 */
export const handlerFailureReporter =
  (onError: SubscribeOptions['onError']) =>
  <E extends AnyEvent>(error: unknown, event: RecordedEvent<E>): void => {
    try {
      if (onError !== undefined) onError(error, event)
      else
        process.emitWarning(
          `cartfold: a subscription handler failed at global position ${event.metadata.globalPosition} and was stopped: ${describeThrown(error)}`,
        )
    } catch {
      // ignored: see above
    }
  }

/**
 * A subscription's options as every store reads them: once, when `subscribe` is called (`null`
 * is no options), so nothing of the caller's runs later in the delivery loop. Options that cannot
 * be read (a getter that throws, a revoked proxy) start no subscription: `undefined`, and a
 * process warning says why (`onError` takes a failed event, and there is none; it may well be
 * what could not be read).
 */
export const subscribeOptionsOf = (
  options: SubscribeOptions | null | undefined,
): { readonly after: number; readonly report: ReturnType<typeof handlerFailureReporter> } | undefined => {
  try {
    const { after, onError } = options ?? {}
    return { after: afterOf(after), report: handlerFailureReporter(onError) }
  } catch (cause) {
    try {
      process.emitWarning(`cartfold: a subscription was not started: its options could not be read: ${describeThrown(cause)}`)
    } catch {
      // ignored: see handlerFailureReporter
    }
    return undefined
  }
}

import type { AnyEvent, RecordedEvent, SubscribeOptions } from './event-store.ts'
import { describeThrown } from '../domain/describe-thrown.ts'

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

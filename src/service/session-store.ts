import type { SessionEvent } from '../domain/events.ts'
import type { AnyEvent, EventStore } from '../store/event-store.ts'

/**
 * The stores the service accepts: one typed for session events, or an untyped one such as
 * `createInMemoryEventStore()` returns by default.
 * @since 0.1.0
 * @category service
 */
export type SessionStore = EventStore<SessionEvent> | EventStore<AnyEvent>

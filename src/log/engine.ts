import * as E from 'fp-ts/lib/Either.js'
import { checkEvent } from '../domain/check-event.ts'
import type { DiscountPolicy } from '../domain/discounts.ts'
import { fold } from '../domain/evolve.ts'
import { project, type SessionProjection } from '../domain/project.ts'
import { createProfileReadModel } from '../domain/profiles.ts'
import { initialState, type SessionState } from '../domain/state.ts'
import type { LogErrorCode, LogItem, RecordedSessionEvent } from './types.ts'

/**
 * A rejected line: its number, its stream when known, why, and where in the line.
 * @since 0.1.0
 * @category event logs
 */
export interface Rejection {
  readonly line: number
  readonly streamId?: string
  readonly code: LogErrorCode
  readonly path?: string
  readonly message: string
}

interface Stream {
  /** the stream's state after its applied events */
  state: SessionState
  /** the first rejected line of the stream: later lines are refused, the state after it unknown */
  broken?: { readonly line: number; readonly code: LogErrorCode }
}

/**
 * The engine behind `replay` and `importEventLog`: one state per stream, each event checked by
 * `checkEvent` then folded into it by `fold`, one event at a time (the events of one stream are
 * interleaved with every other stream's, and each is checked against the state before it).
 */
export const createEngine = () => {
  const streams = new Map<string, Stream>()
  // Numbered as the service numbers them, in line order: replaying a service's log gives each
  // profile the number the service gave it.
  const profiles = createProfileReadModel()

  /** Applies an item's event, or returns why the line is rejected. */
  const accept = (item: LogItem): Rejection | RecordedSessionEvent => {
    if ('error' in item) {
      const { streamId } = item.error
      if (streamId !== undefined) {
        const stream = streams.get(streamId)
        if (stream === undefined) streams.set(streamId, { state: initialState, broken: { line: item.line, code: item.error.code } })
        else stream.broken ??= { line: item.line, code: item.error.code }
      }
      return { line: item.line, ...item.error }
    }
    const { event, line } = item
    const streamId = event.metadata.streamId
    let stream = streams.get(streamId)
    if (stream === undefined) {
      stream = { state: initialState }
      streams.set(streamId, stream)
    }
    if (stream.broken !== undefined) {
      return {
        line,
        streamId,
        code: 'StreamBroken',
        message: `line ${line}: stream ${JSON.stringify(streamId)} was cut short at line ${stream.broken.line} (${stream.broken.code}): its state after that line is unknown`,
      }
    }
    const checked = checkEvent(stream.state, event)
    if (E.isLeft(checked)) {
      stream.broken = { line, code: checked.left.code }
      return {
        line,
        streamId,
        code: checked.left.code,
        ...(checked.left.path === undefined ? {} : { path: checked.left.path }),
        message: `line ${line}: ${checked.left.message}`,
      }
    }
    stream.state = fold([event], stream.state)
    if (event.type === 'Created' || event.type === 'Updated') {
      const { profileId } = event.data
      if (profileId !== undefined) profiles.appear(profileId)
    }
    return event
  }

  /**
   * Refuses a stream's later lines from `line` on, as if that line had been rejected: for a
   * caller whose own step after `accept` failed (an import whose append the store refused).
   */
  const breakStream = (streamId: string, line: number, code: LogErrorCode) => {
    const stream = streams.get(streamId)
    // An earlier line wins: a run refused after one of its stream's later lines was rejected.
    if (stream !== undefined && (stream.broken === undefined || line < stream.broken.line)) stream.broken = { line, code }
  }

  /** Whether the stream was cut short before `line` (a refused earlier run), not at it. */
  const brokenBefore = (streamId: string, line: number): boolean => {
    const broken = streams.get(streamId)?.broken
    return broken !== undefined && broken.line < line
  }

  /** Every stream with at least one applied event, projected, in order of first appearance. */
  const sessions = (policy?: DiscountPolicy): Map<string, SessionProjection> => {
    const out = new Map<string, SessionProjection>()
    for (const [streamId, { state }] of streams) {
      if (state.state === 'none') continue
      const projection = project(state, policy === undefined ? {} : { policy })
      // The projection is fresh: set the runtime's profile number on it rather than spread a copy.
      // Every profile of a state has appeared: states take their profile from the events above.
      projection.profileInternalId = profiles.peekInternalId(state.profileId)
      out.set(streamId, projection)
    }
    return out
  }

  return { accept, breakStream, brokenBefore, sessions }
}

/** Whether `accept` applied the event. */
export const isRejection = (r: Rejection | RecordedSessionEvent): r is Rejection => 'code' in r

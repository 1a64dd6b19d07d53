import type { Pool, PoolClient } from 'pg'
import { quoteIdentifier } from './tables.ts'

export interface Notifier {
  readonly stop: () => Promise<void>
}

/**
 * Holds one LISTEN connection per store (not per subscription) and calls `onNotify` when any
 * process commits an append, and also whenever the connection is (re)established, because
 * notifications sent while it was down are lost. Losing the connection (a server restart) is not
 * an error: it reconnects every `retryMs`, and subscribers keep polling meanwhile, so a lost or
 * late notification only delays delivery, it never loses an event.
 */
export const startNotifier = (pool: Pool, channel: string, onNotify: () => void, retryMs: number): Notifier => {
  /** destroys the LISTENing client, once; `undefined` while there is none */
  let drop: (() => void) | undefined
  let stopped = false
  let timer: NodeJS.Timeout | undefined

  const schedule = (): void => {
    if (stopped) return
    timer = setTimeout(() => void connect(), retryMs)
    timer.unref()
  }

  const connect = async (): Promise<void> => {
    let c: PoolClient
    try {
      c = await pool.connect()
    } catch {
      schedule()
      return
    }
    let released = false
    // Destroyed, not returned: a LISTENing connection must never be lent to anyone else. Once
    // only, whichever comes first: a lost connection, a failed LISTEN, or stop().
    const release = (): void => {
      if (released) return
      released = true
      if (drop === release) drop = undefined
      c.removeAllListeners('notification')
      c.release(true)
    }
    // stays attached even after stop(): an 'error' without a listener would crash the process
    const onLost = (): void => {
      if (released) return
      // released even when stop() ran meanwhile (LISTEN was in flight): else close() would wait
      // for this client forever
      release()
      if (stopped) return
      onNotify()
      schedule()
    }
    c.on('error', onLost)
    c.on('end', onLost)
    c.on('notification', (message) => {
      if (message.channel === channel) onNotify()
    })
    try {
      await c.query(`LISTEN ${quoteIdentifier(channel)}`)
    } catch {
      onLost()
      return
    }
    if (stopped) {
      release()
      return
    }
    drop = release
    onNotify()
  }

  void connect()

  return {
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      drop?.()
    },
  }
}

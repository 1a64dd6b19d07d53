import { replay, writeEventLog } from 'cartfold'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
// The same line splitting replay uses, so that the baseline differs only in what it does per line.
import { lineBatches } from '../src/log/lines.ts'
import { gc, interleaved, type Row } from './harness.ts'
import { generate, recorded } from './workload.ts'

/** Writes a workload of about `events` events as a JSONL file; returns its path and a clean-up. */
export const logFile = async (events: number) => {
  const dir = mkdtempSync(join(tmpdir(), 'cartfold-bench-'))
  const path = join(dir, 'log.jsonl')
  const workload = generate(events)
  const written = await writeEventLog(recorded(workload), path)
  if (written._tag === 'Left') throw new Error(written.left.message)
  return { path, events: workload.eventCount, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

const parseOnly = async (path: string) => {
  let sink = 0
  for await (const batch of lineBatches(path)) {
    for (const line of batch.lines) sink += (JSON.parse(line) as { type: string }).type.length
  }
  return sink
}

/**
 * The least any replay does: each line parsed, its stream found, its data kept with the stream
 * (a session keeps its cart items). No validation, no state, no projection: the floor under the
 * replay target, measured beside it.
 */
const parseAndKeep = async (path: string) => {
  const streams = new Map<string, unknown[]>()
  for await (const batch of lineBatches(path)) {
    for (const line of batch.lines) {
      const event = JSON.parse(line) as { data: unknown; metadata: { streamId: string } }
      let kept = streams.get(event.metadata.streamId)
      if (kept === undefined) streams.set(event.metadata.streamId, (kept = []))
      kept.push(event.data)
    }
  }
  return streams.size
}

const replayOnce = async (path: string, expected: number) => {
  const { report } = await replay(path)
  if (report.applied !== expected) throw new Error(`replay applied ${report.applied} of ${expected}: ${report.rejections[0]?.message}`)
}

/**
 * Replay with validation against JSON.parse of the same lines. Target: >= 0.7x. Beside it, the
 * floor (`parseAndKeep`) against the same baseline: no replay can do better than that ratio.
 */
export const replayBenchmark = async (events: number, repetitions: number): Promise<Row[]> => {
  const log = await logFile(events)
  try {
    const r = await interleaved(
      { baseline: () => parseOnly(log.path), floor: () => parseAndKeep(log.path), replay: () => replayOnce(log.path, log.events) },
      repetitions,
    )
    const us = (ms: number) => ((ms * 1000) / log.events).toFixed(2)
    const ratio = r.baseline!.median / r.replay!.median
    const floor = r.baseline!.median / r.floor!.median
    return [
      {
        figure: `replay of a JSONL log, validation on (${log.events} events)`,
        median: `${us(r.replay!.median)} us/event (baseline ${us(r.baseline!.median)})`,
        range: `${us(r.replay!.min)}-${us(r.replay!.max)} us`,
        ratio,
        target: '>= 0.7x JSON.parse',
        pass: ratio >= 0.7,
      },
      {
        figure: 'the floor of any replay: JSON.parse, find the stream, keep the data',
        median: `${us(r.floor!.median)} us/event (baseline ${us(r.baseline!.median)})`,
        range: `${us(r.floor!.min)}-${us(r.floor!.max)} us`,
        ratio: floor,
        target: 'none (reference)',
        pass: undefined,
      },
    ]
  } finally {
    log.remove()
  }
}

/** Time per event of a replay at `large` events against one at `small`. Target: <= 1.25x. */
export const scalingBenchmark = async (small: number, large: number, repetitions: number): Promise<Row> => {
  const a = await logFile(small)
  const b = await logFile(large)
  try {
    // The small log is replayed as many times as it takes to match the large one's event count,
    // so that both timings are long enough and the comparison is of time per event, not of warm-up.
    const passes = Math.max(1, Math.round(b.events / a.events))
    const r = await interleaved(
      {
        small: async () => {
          for (let p = 0; p < passes; p++) await replayOnce(a.path, a.events)
        },
        large: () => replayOnce(b.path, b.events),
      },
      repetitions,
    )
    const perSmall = r.small!.median / a.events / passes
    const perLarge = r.large!.median / b.events
    const ratio = perLarge / perSmall
    return {
      figure: `replay time per event, ${b.events} vs ${a.events} events`,
      median: `${(perLarge * 1000).toFixed(2)} vs ${(perSmall * 1000).toFixed(2)} us`,
      range: `${((r.large!.min / b.events) * 1000).toFixed(2)}-${((r.large!.max / b.events) * 1000).toFixed(2)} us`,
      ratio,
      target: '<= 1.25x',
      pass: ratio <= 1.25,
    }
  } finally {
    a.remove()
    b.remove()
  }
}

/**
 * The heap a replay holds per session: the most live heap (after a full collection, at each
 * batch's progress) while the log is read, before the sessions are projected, over the sessions.
 * Target: <= 1 KB a session (issue 16).
 */
export const heapPerSessionBenchmark = async (events: number): Promise<Row> => {
  const log = await logFile(events)
  try {
    gc()
    const before = process.memoryUsage().heapUsed
    let peak = before
    const { report } = await replay(log.path, {
      onProgress: () => {
        gc()
        peak = Math.max(peak, process.memoryUsage().heapUsed)
      },
    })
    const perSession = (peak - before) / report.sessions
    return {
      figure: `replay heap per session while reading (${report.applied} events, ${report.sessions} sessions)`,
      median: `${(perSession / 1024).toFixed(2)} KB/session`,
      range: `peak ${((peak - before) / 2 ** 20).toFixed(0)} MB`,
      ratio: perSession / 1024,
      target: '<= 1 KB/session',
      pass: perSession <= 1024,
    }
  } finally {
    log.remove()
  }
}

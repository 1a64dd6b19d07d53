// The server of the HTTP benchmark, in a process of its own so that the load client does not share
// its event loop: prints its address, serves until stdin closes, then drops its PostgreSQL schema.
//
//   node --import tsx benchmarks/http-server.ts [postgres-url schema]
import pg from 'pg'
import { createPostgresEventStore } from '../src/store/postgres/index.ts'
import { createTalonServer } from '../src/talon/http/plugin.ts'
import { workloadPolicy } from './http-workload.ts'

const [url, schema] = process.argv.slice(2)
const store = url === undefined ? undefined : createPostgresEventStore({ connectionString: url, schema: schema! })
await store?.migrate()
const app = await createTalonServer({ ...(store === undefined ? {} : { store }), policy: workloadPolicy })
process.stdout.write(`${await app.listen({ host: '127.0.0.1', port: 0 })}\n`)
process.stdin.resume()
process.stdin.on('end', async () => {
  await app.close()
  await store?.close()
  if (url !== undefined) {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await client.end()
  }
  process.exit(0)
})

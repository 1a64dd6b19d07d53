/**
 * Writes test/fixtures/seeds/*.json: the field tables of the Talon.One SDK model pages
 * (CustomerSessionV2 in the JavaScript and Ruby SDKs, CustomerSession V1 in the Ruby and Go SDKs,
 * ApplicationSession in the Ruby SDK), as each page's "## Properties" table lists them: the SDK's
 * field name, its type as the SDK spells it, and whether the Notes column says [optional]. Run once
 * on the pages (plain-text copies, one per file) to refresh the fixtures:
 *
 *   node --import tsx scripts/seed-fixtures.ts DIRECTORY-OF-PAGES
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const [dir] = process.argv.slice(2)
if (dir === undefined) {
  console.error('usage: scripts/seed-fixtures.ts DIRECTORY-OF-PAGES')
  process.exit(2)
}
const out = join(import.meta.dirname, '..', 'test', 'fixtures', 'seeds')
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x60;/g, '`').replace(/&#39;/g, "'")
/** A row starts `**name** | **Type** |` or `**name** | [**Type**](Link.md) |`; some pages are on one line. */
const rowStart = /\*\*(\w+)\*\* \| \[?\*\*(.+?)\*\*\]?(?:\([^)]*\))? \|/g
const sdkOf: Record<string, string> = { 'TalonOne.': 'JavaScript', 'TalonOne::': 'Ruby' }

for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
  const text = unescape(readFileSync(join(dir, file), 'utf8'))
  const title = /^#\s+(\S+)/.exec(text)?.[1] ?? ''
  const properties = text.slice(text.indexOf('## Properties'))
  const end = properties.indexOf('##', 3)
  const table = properties.slice(0, end < 0 ? undefined : end)
  const starts = [...table.matchAll(rowStart)]
  const fields = starts.map((m, i) => {
    const row = table.slice(m.index, starts[i + 1]?.index ?? table.length)
    return { name: m[1]!, type: m[2]!, optional: row.includes('[optional]') }
  })
  const prefix = Object.keys(sdkOf).find((p) => title.startsWith(p))
  const sdk = prefix === undefined ? 'Go' : sdkOf[prefix]!
  const model = prefix === undefined ? title : title.slice(prefix.length)
  const name = `${model}-${sdk.toLowerCase()}.json`
  const source = `Talon.One ${sdk} SDK model page ${title}, its "Properties" table`
  writeFileSync(join(out, name), JSON.stringify({ title, source, fields }, null, 2) + '\n')
  console.log(`${name}: ${fields.length} fields`)
}

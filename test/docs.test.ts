import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

// The docs are README.md and docs/*.md. Every fenced code block in them is one of:
// - `<!-- example: FILE -->` before it: FILE shown whole and unchanged. A .ts or .js FILE under
//   docs/examples/ is compiled by the typecheck and run here (it must exit 0); it imports cartfold
//   as a user does (`cartfold`, `cartfold/...`: the `cartfold-source` condition resolves them to
//   src/ in tests) and reads no repository path, so that it runs from an installed package;
// - `<!-- output: FILE -->` before it: what running FILE prints;
// - `<!-- fragment -->` before it: part of a program, shown to be read, not run;
// - a block in any other language (sh, json, sql, text, or none): shown as it is.
// A ts/js block with none of the three markers fails this test.
const root = join(import.meta.dirname, '..')
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]
const scriptLanguages = new Set(['ts', 'typescript', 'js', 'javascript', 'mjs', 'cjs', 'tsx', 'jsx', 'mts', 'cts'])

interface Block {
  readonly line: number
  readonly language: string
  readonly body: string
  readonly marker: { readonly kind: 'example' | 'output'; readonly file: string } | 'fragment' | undefined
}

const blocksOf = (text: string): Block[] => {
  const lines = text.split('\n')
  const blocks: Block[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)/.exec(lines[i]!)
    if (open === null) continue
    const start = i
    const body: string[] = []
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!)
    const previous = lines[start - 1] ?? ''
    const marked = /^<!-- (example|output): (\S+) -->$/.exec(previous)
    const marker = marked !== null
      ? { kind: marked[1] as 'example' | 'output', file: marked[2]! }
      : previous === '<!-- fragment -->' ? 'fragment' as const : undefined
    blocks.push({ line: start + 1, language: open[1]!, body: body.length === 0 ? '' : `${body.join('\n')}\n`, marker })
  }
  return blocks
}

const text = new Map(pages.map((page) => [page, readFileSync(join(root, page), 'utf8')]))
const outputs = new Map<string, string>()
const run = (file: string): string => {
  const known = outputs.get(file)
  if (known !== undefined) return known
  // Printed as to a pipe: no colours, whatever the test runner's environment asks for.
  const { FORCE_COLOR: _, ...env } = process.env
  const r = spawnSync(process.execPath, ['-C', 'cartfold-source', '--import', 'tsx', file], {
    cwd: root,
    encoding: 'utf8',
    env: { ...env, NO_COLOR: '1' },
  })
  assert.is(r.status, 0, `${file} exited with ${r.status}: ${r.stderr}`)
  outputs.set(file, r.stdout)
  return r.stdout
}
const isScript = (file: string) => /\.(ts|js|mjs|cjs)$/.test(file)

for (const [page, content] of text) {
  for (const block of blocksOf(content)) {
    const where = `${page}:${block.line}`
    const { marker } = block
    if (marker === undefined) {
      test(`${where}: a ${block.language || 'plain'} block`, () => {
        assert.not.ok(
          scriptLanguages.has(block.language),
          `${where}: a ${block.language} block must be an example (<!-- example: FILE -->) or marked <!-- fragment -->`,
        )
      })
    } else if (marker === 'fragment') {
      test(`${where}: a fragment`, () => {
        assert.ok(scriptLanguages.has(block.language), `${where}: only ts/js blocks are marked as fragments`)
      })
    } else if (marker.kind === 'example') {
      test(`${where}: example ${marker.file}`, () => {
        assert.fixture(block.body, readFileSync(join(root, marker.file), 'utf8'))
        if (isScript(marker.file)) {
          assert.ok(marker.file.startsWith('docs/examples/'), `${marker.file}: runnable examples live in docs/examples/`)
          run(marker.file)
        }
      })
    } else {
      test(`${where}: output of ${marker.file}`, () => {
        assert.fixture(block.body, run(marker.file))
      })
    }
  }
}

// What a user copies must work outside this repository.
const shown = new Set(
  [...text.values()].flatMap((content) =>
    blocksOf(content).flatMap((b) => (typeof b.marker === 'object' && b.marker.kind === 'example' && isScript(b.marker.file) ? [b.marker.file] : [])),
  ),
)
for (const file of shown) {
  test(`${file} imports cartfold as a user does and reads no repository path`, () => {
    const source = readFileSync(join(root, file), 'utf8')
    for (const [, specifier] of source.matchAll(/\b(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      assert.ok(
        /^(cartfold(\/[\w-]+)?|node:[\w/]+|fp-ts\/.+|io-ts(\/.+)?|pg|fast-check|@event-driven-io\/emmett|talon_one|fastify)$/.test(specifier!),
        `${file} imports '${specifier}': examples import cartfold by its package name`,
      )
    }
    assert.not.match(source, /['"`](\.\.?\/)*(examples|src|test|docs)\//, `${file} reads a path of the repository`)
  })
}

// Links stay inside the repository and point at something that is there.
// Pages other branches add; drop a name from this list once its page is merged.
const pending = new Set<string>([])
const slug = (heading: string) =>
  heading.trim().toLowerCase().replace(/`/g, '').replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-')
const anchorsOf = (content: string) =>
  new Set(content.replace(/^```[\s\S]*?^```/gm, '').split('\n').flatMap((l) => (/^#+\s+(.*)$/.exec(l) ? [slug(/^#+\s+(.*)$/.exec(l)![1]!)] : [])))

for (const [page, content] of text) {
  const prose = content.replace(/^```[\s\S]*?^```/gm, '')
  test(`${page}: links stay inside the repository and resolve`, () => {
    assert.not.match(prose, /https?:\/\//, `${page} links outside the repository`)
    assert.not.match(content, /shared\/(docs|seeds)|\.\.\/shared/, `${page} names the references beside the repository`)
    for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
      const [path, anchor] = target!.split('#') as [string, string | undefined]
      const file = path === '' ? page : relative(root, resolve(root, dirname(page), path))
      assert.ok(!file.startsWith('..'), `${page}: ${target} leaves the repository`)
      if (pending.has(file) && !existsSync(join(root, file))) continue
      assert.ok(existsSync(join(root, file)), `${page}: ${target} names a missing file`)
      if (anchor !== undefined && file.endsWith('.md')) {
        const anchors = anchorsOf(file === page ? content : readFileSync(join(root, file), 'utf8'))
        assert.ok(anchors.has(anchor), `${page}: ${target}: no heading #${anchor} in ${file}`)
      }
    }
  })
}

// Every runtime export of an entry point is named in the API contract (the generated reference,
// `npm run docs:api`, checks that each carries TSDoc). Add an entry point here when it is exported.
const entryPoints: Record<string, string> = {
  cartfold: '../src/index.ts',
  'cartfold/postgres': '../src/store/postgres/index.ts',
  'cartfold/testing': '../src/testing/index.ts',
  'cartfold/emmett': '../src/emmett/index.ts',
}
for (const [name, path] of Object.entries(entryPoints)) {
  test(`docs/api.md names every runtime export of ${name}`, async () => {
    const api = text.get('docs/api.md')!
    const exports = Object.keys((await import(path)) as object)
    const missing = exports.filter((e) => !new RegExp(`\\b${e}\\b`).test(api))
    assert.equal(missing, [], `${name} exports names docs/api.md does not mention: ${missing.join(', ')}`)
  })
}

test('the README shows the two set-up commands', () => {
  const readme = text.get('README.md')!
  assert.match(readme, 'npm install && npm start')
  assert.match(readme, 'npm install && npm test')
})

test('the fragment convention is enforced: an unmarked ts block is found', () => {
  const [block] = blocksOf('text\n```ts\nconst x = 1\n```\n')
  assert.is(block!.marker, undefined)
  assert.ok(scriptLanguages.has(block!.language))
  const [fragment] = blocksOf('<!-- fragment -->\n```ts\nx\n```\n')
  assert.is(fragment!.marker, 'fragment')
})

test.run()

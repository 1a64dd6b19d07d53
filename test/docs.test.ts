import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

// Every example shown in the docs is a real file: the typecheck compiles it, this test checks
// that the page shows it unchanged and that running it prints what the page says it prints.
const root = join(import.meta.dirname, '..')
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]
const marked = /<!-- (example|output): (\S+) -->\n```\w*\n([\s\S]*?)```/g

const run = (file: string): string => {
  const r = spawnSync(process.execPath, ['-C', 'cartfold-source', '--import', 'tsx', file], { cwd: root, encoding: 'utf8' })
  assert.is(r.status, 0, `${file} exited with ${r.status}: ${r.stderr}`)
  return r.stdout
}

for (const page of pages) {
  const text = readFileSync(join(root, page), 'utf8')
  for (const [, kind, file, body] of text.matchAll(marked)) {
    test(`${page}: ${kind} of ${file}`, () => {
      const expected = kind === 'example' ? readFileSync(join(root, file!), 'utf8') : run(file!)
      assert.fixture(body!, expected)
    })
  }
}

test('the README shows the two set-up commands', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  assert.match(readme, 'npm install && npm start')
  assert.match(readme, 'npm install && npm test')
})

test.run()

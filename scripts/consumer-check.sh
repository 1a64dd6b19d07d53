#!/usr/bin/env bash
# The package as a user gets it: `npm pack`, then fresh projects in a temporary directory outside
# the repository install the tarball (by path; its dependencies from the npm registry), type-check
# with `strict` and `skipLibCheck: false`, and run the README's quick start and a guide example,
# which must print what they print from source. Two installs, several projects in each:
#
#   with-pg/  the tarball, the optional peers (pg, @types/pg, fast-check, Emmett), @types/node
#     esm-ts      "type": "module", module and moduleResolution nodenext, every entry point
#     cjs-ts      "type": "commonjs", module and moduleResolution nodenext, every entry point
#     bundler-ts  "type": "module", module preserve, moduleResolution bundler, every entry point
#     mjs         plain JavaScript, import; with CARTFOLD_PG_URL set, a PostgreSQL round trip
#     cjs         plain JavaScript, require()
#   no-pg/    the tarball and @types/node only
#     esm-ts      nodenext, cartfold and cartfold/talon (the entries without peers); pg is absent, require() works
#                 and cartfold/postgres fails naming pg
#
# The examples are the files the tarball ships under docs/examples/ (EXAMPLES below), compiled by
# each TypeScript project and, for the plain projects, transpiled to .mjs/.cjs by the repository's
# TypeScript. Prints one `ok`/`FAIL` line per step, the output of each failed step, and a closing
# `consumer-check: N steps passed, N steps failed`; exits 1 if any failed. The tarball and the
# temporary directory are removed afterwards (KEEP=1 keeps the directory and says where).
#
#   scripts/consumer-check.sh                            # or: npm run test:consumer
#   scripts/with-postgres.sh scripts/consumer-check.sh   # with the PostgreSQL round trip (.ci/run)
set -uo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"

# The README's quick start, then one guide example (docs/examples/NAME.ts).
EXAMPLES=(quick-start embed-decider)
# What a TypeScript consumer installs beside cartfold for Node's types (an optional peer).
node_types="@types/node@$(node -p 'require("./package.json").devDependencies["@types/node"]')"
# The optional peers the postgres, testing and emmett entries need, at the versions the
# repository tests with.
dev() { printf '%s@%s' "$1" "$(node -p "require('./package.json').devDependencies['$1']")"; }
pg_peers=("$(dev pg)" "$(dev @types/pg)" "$(dev fast-check)" "$(dev @event-driven-io/emmett)")

tmp="$(mktemp -d "${TMPDIR:-/tmp}/cartfold-consumer.XXXXXX")"
cleanup() {
  if [[ "${KEEP:-}" == 1 ]]; then echo "consumer-check: kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

passed=0
failed=0
failures=()
# step NAME COMMAND...: run it quietly; on failure show what it printed.
step() {
  local name="$1" out="$tmp/step.log"
  shift
  if "$@" >"$out" 2>&1; then
    passed=$((passed + 1))
    echo "ok    $name"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "FAIL  $name"
    sed 's/^/      | /' "$out" | head -n 60
  fi
}

# -- the tarball ------------------------------------------------------------------------------
pack() {
  npm pack --silent --pack-destination "$tmp" >"$tmp/pack.name" || return 1
  tarball="$tmp/$(tail -n 1 "$tmp/pack.name")"
  [[ -f "$tarball" ]] || { echo "npm pack made no tarball"; return 1; }
  # What must not ship: install-time scripts, development-only export conditions, tests; and every
  # source map names sources that ship.
  mkdir -p "$tmp/unpacked" && tar -xzf "$tarball" -C "$tmp/unpacked" || return 1
  node -e '
    const fs = require("node:fs"), path = require("node:path")
    const root = path.join(process.argv[1], "package")
    const list = fs.readdirSync(root, { recursive: true }).filter((f) => fs.statSync(path.join(root, f)).isFile())
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))
    const problems = []
    for (const s of ["preinstall", "install", "postinstall", "prepare"]) if (manifest.scripts?.[s]) problems.push(`install-time script ${s}`)
    const conditions = new Set()
    const walk = (v) => { if (v && typeof v === "object") for (const [k, w] of Object.entries(v)) { if (!k.startsWith(".")) conditions.add(k); walk(w) } }
    walk(manifest.exports)
    for (const c of conditions) if (!["import", "require", "types", "default"].includes(c)) problems.push(`export condition ${c}`)
    for (const f of list) if (/^(test|benchmarks|scripts|\.ci|\.tshy|node_modules)\//.test(f) || f.endsWith(".tgz")) problems.push(`ships ${f}`)
    const maps = list.filter((f) => f.endsWith(".map"))
    for (const m of maps) {
      const map = JSON.parse(fs.readFileSync(path.join(root, m), "utf8"))
      const missing = map.sources.find((s) => !fs.existsSync(path.join(root, path.dirname(m), map.sourceRoot ?? "", s)))
      if (missing !== undefined) problems.push(`${m} names ${missing}, which does not ship`)
    }
    if (problems.length > 0) { console.log(problems.join("\n")); process.exit(1) }
    console.log(`${list.length} files, ${maps.length} source maps resolve`)
  ' "$tmp/unpacked"
}
step "npm pack (build, then the tarball's contents)" pack
if [[ -z "${tarball:-}" || ! -f "$tarball" ]]; then
  echo "consumer-check: 0 steps passed, 1 steps failed (no tarball)"
  exit 1
fi

# -- the examples: expected output from source, JavaScript versions for the plain projects ----
mkdir -p "$tmp/examples"
cp "$tmp/unpacked/package/docs/examples/"*.ts "$tmp/examples/" 2>/dev/null
expected() {
  local name
  for name in "${EXAMPLES[@]}"; do
    [[ -f "$tmp/examples/$name.ts" ]] || { echo "docs/examples/$name.ts is not in the tarball"; return 1; }
    node --import tsx "docs/examples/$name.ts" >"$tmp/examples/$name.expected" || return 1
  done
  node -e '
    const ts = require("typescript"), fs = require("node:fs"), path = require("node:path")
    const [dir, ...names] = process.argv.slice(1)
    for (const name of names) {
      const source = fs.readFileSync(path.join(dir, name + ".ts"), "utf8")
      for (const [ext, module] of [["mjs", ts.ModuleKind.ESNext], ["cjs", ts.ModuleKind.CommonJS]]) {
        const out = ts.transpileModule(source, { compilerOptions: { module, target: ts.ScriptTarget.ES2022, esModuleInterop: true } })
        fs.writeFileSync(path.join(dir, name + "." + ext), out.outputText)
      }
    }
  ' "$tmp/examples" "${EXAMPLES[@]}"
}
step "examples: output from source, JavaScript versions" expected

# -- the projects -----------------------------------------------------------------------------
# Two installs, each a fresh directory with only the tarball and the named packages: with-pg (pg,
# @types/pg, Node's types) and no-pg (Node's types only). The projects are directories inside
# them, each with its own package.json ("type") and tsconfig.json, so that one install serves
# several module settings. TypeScript is the repository's (the version a consumer would install;
# where the compiler lives does not change how it resolves the project's modules).
tsc=("node" "$repo/node_modules/typescript/bin/tsc")

install() { # DIR PACKAGE...
  local dir="$1"
  shift
  mkdir -p "$dir"
  printf '{ "name": "consumer-%s", "private": true, "version": "1.0.0" }\n' "$(basename "$dir")" >"$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --no-package-lock --loglevel=error "$tarball" "$@") || return 1
  [[ -d "$dir/node_modules/cartfold" ]] || { echo "cartfold is not in $dir/node_modules"; return 1; }
}
project_dir() { # DIR TYPE: a project of that "type" inside an install
  mkdir -p "$1/src"
  printf '{ "name": "consumer-%s", "private": true, "version": "1.0.0", "type": "%s" }\n' "$(basename "$1")" "$2" >"$1/package.json"
}
tsconfig() { # DIR MODULE RESOLUTION
  cat >"$1/tsconfig.json" <<EOF
{
  "compilerOptions": {
    "target": "ES2022",
    "module": "$2",
    "moduleResolution": "$3",
    "strict": true,
    "skipLibCheck": false,
    "noUncheckedIndexedAccess": true,
    "esModuleInterop": true,
    "outDir": "out",
    "rootDir": "src"
  },
  "include": ["src"]
}
EOF
}
# entries DIR ENTRY...: src/entries.ts touching each entry point (its types and values).
entries() {
  local dir="$1" e i
  shift
  {
    i=0
    for e in "$@"; do echo "import * as entry$i from '$e'"; i=$((i + 1)); done
    printf 'const all: Record<string, object> = {'
    i=0
    for e in "$@"; do printf " '%s': entry%d," "$e" "$i"; i=$((i + 1)); done
    echo ' }'
    echo "for (const [name, m] of Object.entries(all)) if (typeof m !== 'object') throw new Error(name)"
    cat <<'EOF'
// A typed use of the root entry: the decider's types reach the consumer intact.
const state: entry0.SessionState = entry0.initialState
const decision = entry0.decide({ type: 'CloseSession', data: {} }, state, { now: '2026-01-01T00:00:00.000Z' })
if (decision._tag === 'Left') console.log('refused', decision.left.code satisfies entry0.SessionErrorCode)
EOF
  } >"$dir/src/entries.ts"
}
# run_examples DIR EXT: each example runs and prints what it prints from source.
run_examples() {
  local dir="$1" ext="$2" example
  for example in "${EXAMPLES[@]}"; do
    (cd "$dir" && node "$example.$ext") >"$tmp/actual" 2>&1 || { echo "$example.$ext failed:"; cat "$tmp/actual"; return 1; }
    diff -u "$tmp/examples/$example.expected" "$tmp/actual" || { echo "$example.$ext printed something else than from source"; return 1; }
  done
}
# ts_project DIR TYPE MODULE RESOLUTION ENTRY...: type-check, then run the entries and examples.
ts_project() {
  local dir="$1" type="$2" module="$3" resolution="$4" e
  shift 4
  local name="${dir#"$tmp/"}"
  project_dir "$dir" "$type"
  tsconfig "$dir" "$module" "$resolution"
  entries "$dir" "$@"
  for e in "${EXAMPLES[@]}"; do cp "$tmp/examples/$e.ts" "$dir/src/"; done
  step "$name: tsc (strict, skipLibCheck false, module $module, moduleResolution $resolution)" "${tsc[@]}" -p "$dir/tsconfig.json"
  [[ -f "$dir/out/entries.js" ]] || return 0
  step "$name: every entry loads" bash -c "cd '$dir/out' && node entries.js"
  step "$name: ${EXAMPLES[*]} print what they print from source" run_examples "$dir/out" js
}
# js_project DIR TYPE EXT: the transpiled examples, run by plain node.
js_project() {
  local dir="$1" type="$2" ext="$3" e
  local name="${dir#"$tmp/"}"
  project_dir "$dir" "$type"
  for e in "${EXAMPLES[@]}"; do cp "$tmp/examples/$e.$ext" "$dir/"; done
  step "$name: ${EXAMPLES[*]} print what they print from source" run_examples "$dir" "$ext"
}

with="$tmp/with-pg"
step "with-pg: npm install the tarball, ${pg_peers[*]}, $node_types" install "$with" "${pg_peers[@]}" "$node_types"
if [[ -d "$with/node_modules/cartfold" ]]; then
  all=(cartfold cartfold/postgres cartfold/talon cartfold/testing cartfold/emmett)
  ts_project "$with/esm-ts" module nodenext nodenext "${all[@]}"
  ts_project "$with/cjs-ts" commonjs nodenext nodenext "${all[@]}"
  ts_project "$with/bundler-ts" module preserve bundler "${all[@]}"

  js_project "$with/mjs" module mjs
  cat >"$with/mjs/entries.mjs" <<'EOF'
import * as root from 'cartfold'
import * as postgres from 'cartfold/postgres'
import * as talon from 'cartfold/talon'
import 'cartfold/testing'
import 'cartfold/emmett'
const missing = [
  ['cartfold', root, 'decide'], ['cartfold', root, 'createSessionService'], ['cartfold/postgres', postgres, 'createPostgresEventStore'],
  ['cartfold/talon', talon, 'toCustomerSessionV2'],
].filter(([, m, name]) => typeof m[name] !== 'function')
if (missing.length > 0) throw new Error(`missing: ${missing.map(([e, , n]) => `${e} ${n}`).join(', ')}`)
if ('createPostgresEventStore' in root || 'toCustomerSessionV2' in root) throw new Error('the root entry names postgres or talon exports')
const url = process.env.CARTFOLD_PG_URL
if (url) {
  const store = postgres.createPostgresEventStore({ connectionString: url, schema: `consumer_check_${process.pid}` })
  const appended = await store.appendToStream('session-1', [{ type: 'Created', data: { n: 1 } }])
  const read = await store.readStream('session-1')
  await store.close()
  if (appended._tag !== 'Right' || read.events.length !== 1) throw new Error(`round trip: ${JSON.stringify([appended, read])}`)
}
EOF
  step "mjs: every entry imports${CARTFOLD_PG_URL:+; a PostgreSQL round trip}" bash -c "cd '$with/mjs' && node entries.mjs"

  js_project "$with/cjs" commonjs cjs
  cat >"$with/cjs/entries.cjs" <<'EOF'
const root = require('cartfold')
const postgres = require('cartfold/postgres')
const talon = require('cartfold/talon')
require('cartfold/testing')
require('cartfold/emmett')
for (const [m, name] of [[root, 'fold'], [postgres, 'createPostgresEventStore'], [talon, 'toCustomerSessionV2']]) {
  if (typeof m[name] !== 'function') throw new Error(`require: ${name} is missing`)
}
EOF
  step "cjs: every entry require()s" bash -c "cd '$with/cjs' && node entries.cjs"
fi

# Without the optional peers: the root and talon entries type-check and run, and
# cartfold/postgres says that pg is missing.
without="$tmp/no-pg"
step "no-pg: npm install the tarball, $node_types" install "$without" "$node_types"
if [[ -d "$without/node_modules/cartfold" ]]; then
  ts_project "$without/esm-ts" module nodenext nodenext cartfold cartfold/talon
  no_pg() (
    cd "$without" || return 1
    [[ ! -e node_modules/pg && ! -e node_modules/@types/pg ]] || { echo "pg was installed although nothing asked for it"; return 1; }
    node -e 'require("cartfold"); require("cartfold/talon")' || return 1
    node --input-type=module -e '
      try { await import("cartfold/postgres"); throw new Error("cartfold/postgres loaded without pg") }
      catch (e) { if (e.code !== "ERR_MODULE_NOT_FOUND" || !/\bpg\b/.test(e.message)) throw e }
    '
  )
  step "no-pg: pg absent; require() works; cartfold/postgres names pg as missing" no_pg
fi

rm -f "$tarball"
echo "consumer-check: $passed steps passed, $failed steps failed (${SECONDS}s)"
if ((failed > 0)); then
  printf 'consumer-check: failed: %s\n' "${failures[@]}"
  exit 1
fi

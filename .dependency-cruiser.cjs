/**
 * The dependency rules CI checks (`npm run lint:deps`): the domain is a pure core that imports
 * nothing outside it, and no module in src/ depends on itself through others.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain/ has no I/O and imports nothing outside src/domain/ (packages such as fp-ts and io-ts aside)',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/', dependencyTypesNot: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg'] },
    },
    {
      name: 'no-cycles',
      comment: 'imports point one way: no module reaches itself through others (type-only imports included)',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'resolvable',
      comment: 'every import resolves to a file or an installed package',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['cartfold-source', 'import', 'types', 'node', 'default'] },
  },
}

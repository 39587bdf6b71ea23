// The dependency rules of the repository (npm run lint:deps), in words:
// services are built from the libraries and never from each other; the libraries never
// reach into a service, the deploy scripts or the tests; test support stays out of
// everything that ships; and nothing imports itself round a loop.
// Spec files are tests: they may use test support, and a library's spec may check its
// output against a service's DTOs.
// .dependency-cruiser-known-violations.json lists the violations that predate these rules
// (npm run lint:deps passes over them, and fails on any new one). Whoever removes one
// rewrites the list: npx depcruise-baseline apps libs test tools deploy --config .dependency-cruiser.cjs
const SPEC = '\\.spec\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: the modules cannot be understood, tested or initialised one after the other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'app-not-to-other-app',
      severity: 'error',
      comment: 'A service uses another only through Kafka events or HTTP, never by importing its code.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'app-only-libs',
      severity: 'error',
      comment: 'A service imports its own files, the libraries and npm packages: not deploy/ nor test/.',
      from: { path: '^apps/' },
      to: { path: '^(deploy|test|tools)/' },
    },
    {
      name: 'lib-not-to-app',
      severity: 'error',
      comment: 'Libraries are shared by the services, so they cannot depend on one.',
      from: { path: '^libs/', pathNot: SPEC },
      to: { path: '^apps/' },
    },
    {
      name: 'lib-not-to-deploy-or-test',
      severity: 'error',
      comment: 'Libraries are compiled into dist/ and shipped: a relative path into deploy/ or test/ does not exist there.',
      from: { path: '^libs/', pathNot: [SPEC] },
      to: { path: '^(deploy|test|tools)/' },
    },
    {
      name: 'test-support-only-in-tests',
      severity: 'error',
      comment: 'test/support is test support (testcontainers, probes, the supervisor): nothing that ships may import it.',
      from: { path: '^(apps|libs|tools)/', pathNot: [SPEC] },
      to: { path: '^test/' },
    },
    {
      name: 'shipped-not-to-dev-dependencies',
      severity: 'error',
      comment: 'Service and library sources run in production, where only "dependencies" are installed (types are erased).',
      from: { path: '^(apps|libs)/[^/]+/(src|bin)/', pathNot: [SPEC] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to no file or package.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.local|coverage)/' },
    // Type-only imports count: a cycle of types is still a cycle to read and to untangle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json', '.d.ts'],
    },
  },
};

// Jest runs TypeScript through SWC; NestJS 12 and a few helpers are ESM-only, so they are
// transformed too (see STACK-NOTES.md). Run through `npm test` (needs --experimental-vm-modules).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const esmOnly = [
  '@nestjs',
  'content-disposition',
  'cookie',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  '@borewit',
  'uint8array-extras',
];
const shared = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
};
module.exports = {
  // globalSetup/teardown are transformed with the top-level transform.
  transform: shared.transform,
  transformIgnorePatterns: shared.transformIgnorePatterns,
  // Generous: these machines are shared and noisy; no test asserts on time.
  testTimeout: 180_000,
  // Each test file loads the whole app into a fresh module registry; in one long-lived
  // process those registries are not all given back, and a full run outgrew a 4 GB heap.
  // `npm test` runs one worker (--maxWorkers=1, not --runInBand), and that worker is
  // replaced whenever a finished file leaves it above this size.
  workerIdleMemoryLimit: '1GB',
  // One PostgreSQL for the whole run (embedded, or DATABASE_URL's server); each test file
  // gets its own database cloned from a migrated template.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
    },
    {
      ...shared,
      displayName: 'browser',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.browser-spec.ts'],
    },
    // Hostile input, crashes, concurrency, several instances: minutes, not seconds, so only
    // `npm run test:reliability` (which sets DESK_RELIABILITY) runs them.
    ...(process.env.DESK_RELIABILITY
      ? [
          {
            ...shared,
            displayName: 'reliability',
            roots: ['<rootDir>/test/reliability'],
            testMatch: ['**/*.reliability-spec.ts'],
          },
        ]
      : []),
  ],
};

/**
 * One Jest run for unit (`*.spec.ts` beside the code), integration and end-to-end tests
 * (`test/**\/*.test.ts`). NestJS 12 and @nats-io ship ES modules only: @swc/jest turns them, and our
 * TypeScript, into CommonJS so Jest's module system can load them.
 */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs', ignoreDynamic: false },
  sourceMaps: 'inline',
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: '<rootDir>/libs/testing/src/jest-environment.cjs',
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/tests'],
  testMatch: ['**/src/**/*.spec.ts', '**/test/**/*.test.ts', '**/tests/e2e/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', swcOptions],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@nats-io|uid|@fastify|fastify|light-my-request|avvio|find-my-way|fast-json-stringify|@node-rs|jose|content-disposition|openid-client|oauth4webapi|oidc-provider|kysely)/)',
  ],
  moduleNameMapper: {
    '^@cau/(contracts|messaging|persistence|testing|attachments|business-time)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
  testTimeout: 60_000,
  globalSetup: '<rootDir>/libs/testing/src/global-setup.cjs',
  reporters: ['default'],
};

// Lint for the whole workspace. Module boundaries are enforced on two tag axes:
// scope:* (which bounded context a project belongs to) and type:* (its layer).
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const JOB_RULES = {
  byHand: [
    {
      selector: "CallExpression[callee.property.name='process'][arguments.length>=2]",
      message: "Declare a job processor with @OnJob(job) on the owning feature's service; QueueModule registers it.",
    },
  ],
  inComposition: [
    {
      selector: "Decorator[expression.callee.name='OnJob']",
      message: 'libs/runtime composes apps: a job processor belongs to the feature lib that owns the job.',
    },
    {
      selector: "CallExpression[callee.name='defineJob']",
      message: 'libs/runtime composes apps: a job is defined by the feature lib that owns it.',
    },
  ],
};

// Access (issue 17 item 2): every HTTP handler declares who may call it with @Access (from @hp/contracts),
// beside its path; the guard refuses a route without one, and this stops it at lint time.
const ACCESS_RULES = [
  {
    selector:
      "MethodDefinition:has(Decorator > CallExpression[callee.name=/^(Get|Post|Put|Patch|Delete|Sse|All)$/]):not(:has(Decorator > CallExpression[callee.object.name='Access']))",
    message: 'Declare who may call this route with @Access.public/any/city/park/list (@hp/contracts).',
  },
];

const RESTRICTED_IMPORTS = {
  patterns: [{ group: ['@hp/*/*'], message: 'Import a lib through its index.ts only.' }],
  // A route's input is parsed and validated by one mechanism, which also writes it into OpenAPI.
  paths: [
    {
      name: '@nestjs/common',
      importNames: ['Body', 'Query', 'Param'],
      message:
        'Declare parameters with @RequestInput (@PathParam, @QueryParam) and the body with @RequestBody (@ValidBody) from @hp/contracts.',
    },
  ],
};

// Test tiers (issue 17 item 7): the medium tier's database fixture (@hp/testing-store) is for specs and their
// support files only, the same files the production build (infra/build/tsconfig.json) leaves out.
const TEST_FILES = [
  '**/*.spec.ts',
  '**/spec-support/**',
  'libs/*/src/golden/**',
  'libs/testing/**',
  'libs/storage/src/contract/**',
  '**/*-golden.ts',
  '**/*.contract.ts',
];
const TEST_ONLY_IMPORTS = {
  ...RESTRICTED_IMPORTS,
  paths: [
    ...RESTRICTED_IMPORTS.paths,
    { name: '@hp/testing-store', message: 'The test-store fixture is for specs (*.spec.ts, spec-support/) only.' },
  ],
};

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.nx/**', '**/.data/**', '**/*.cjs', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      // Libs are consumed through their single public entry point only.
      'no-restricted-imports': ['error', RESTRICTED_IMPORTS],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:composition', 'type:feature', 'type:data-access', 'type:util'] },
            // type:test-util (@hp/testing-store, the medium tier's database fixture) serves specs only (TEST_ONLY_IMPORTS).
            { sourceTag: 'type:composition', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:test-util'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:test-util'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:test-util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:test-util', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:composition', 'type:feature', 'type:data-access', 'type:util', 'type:test-util', 'type:app'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:simulator', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:registry', onlyDependOnLibsWithTags: ['scope:shared', 'scope:registry'] },
            { sourceTag: 'scope:telemetry', onlyDependOnLibsWithTags: ['scope:shared', 'scope:registry', 'scope:telemetry'] },
            // Compliance judges the readings and takes their recompute marks (@hp/readings).
            { sourceTag: 'scope:compliance', onlyDependOnLibsWithTags: ['scope:shared', 'scope:registry', 'scope:telemetry', 'scope:compliance'] },
            // Waste gateways record their refusals in ingestion's quarantine (Quarantine, @hp/ingestion).
            { sourceTag: 'scope:waste', onlyDependOnLibsWithTags: ['scope:shared', 'scope:registry', 'scope:telemetry', 'scope:waste'] },
            { sourceTag: 'scope:alerting', onlyDependOnLibsWithTags: ['scope:shared', 'scope:registry', 'scope:telemetry', 'scope:compliance', 'scope:waste', 'scope:alerting'] },
            // Data-quality signals: read telemetry and permit limits, raise alerts through alerting's lifecycle.
            { sourceTag: 'scope:data-quality', onlyDependOnLibsWithTags: ['scope:shared', 'scope:registry', 'scope:telemetry', 'scope:compliance', 'scope:alerting', 'scope:data-quality'] },
            // Reports and open data: read-only views over compliance and hazardous waste, for the City and the public.
            { sourceTag: 'scope:reporting', onlyDependOnLibsWithTags: ['scope:shared', 'scope:registry', 'scope:telemetry', 'scope:compliance', 'scope:waste', 'scope:alerting', 'scope:reporting'] },
            { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:shared', 'scope:registry', 'scope:telemetry', 'scope:compliance', 'scope:waste', 'scope:alerting', 'scope:data-quality', 'scope:reporting', 'scope:platform', 'scope:simulator'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared', 'scope:registry', 'scope:telemetry', 'scope:compliance', 'scope:waste', 'scope:alerting', 'scope:data-quality', 'scope:reporting', 'scope:platform', 'scope:simulator'] },
          ],
        },
      ],
    },
  },
  // Jobs (issue 17 item 3): a processor is an @OnJob method of the feature that owns the job, found by
  // QueueModule at start; nothing registers one by hand, and libs/runtime (composition) declares none.
  {
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: ['libs/queue/**', '**/*.spec.ts'],
    rules: { 'no-restricted-syntax': ['error', ...JOB_RULES.byHand, ...ACCESS_RULES] },
  },
  {
    files: ['libs/runtime/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...JOB_RULES.byHand, ...JOB_RULES.inComposition, ...ACCESS_RULES],
    },
  },
  {
    files: ['libs/**/*.ts', 'apps/**/*.ts', 'simulators/**/*.ts'],
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', TEST_ONLY_IMPORTS] },
  },
  {
    files: ['**/*.spec.ts', '**/*.test.ts', 'test/**/*.ts', 'libs/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];

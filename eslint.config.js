// @ts-check
import tseslint from 'typescript-eslint';

/**
 * Modules talk to each other only through their public surface (`index.ts`). A file at `depth` folders
 * below its module's root reaches another module with depth+1 `../`; its own subfolders are fine.
 */
function moduleBoundary(depth) {
  const up = '\\.\\./'.repeat(depth + 1);
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(${up}[^./][^/]*|(\\.\\./)+modules/[^/]+)/(?!index\\.ts$).+`,
            message: "Import another module only through its public surface: '../<module>/index.ts'.",
          },
        ],
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test-results/', '.tartip/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['src/modules/*/*.ts'], ignores: ['src/modules/**/*.test.ts'], rules: moduleBoundary(0) },
  { files: ['src/modules/*/*/*.ts'], ignores: ['src/modules/**/*.test.ts'], rules: moduleBoundary(1) },
  { files: ['src/modules/*/*/*/*.ts'], ignores: ['src/modules/**/*.test.ts'], rules: moduleBoundary(2) },
  {
    files: ['src/kernel/**/*.ts'],
    ignores: ['src/kernel/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/modules/**', '**/app.ts'], message: 'The kernel must not depend on domain modules.' }] },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // reference data (regions with KATO codes) is data, not server code: the public pages take it at build time
              regex: '^(?!.*/src/modules/reference/data/[^/]+\\.json$)(.*/)?src/',
              message: 'The web app talks to the server only over HTTP.',
            },
          ],
        },
      ],
    },
  },
);

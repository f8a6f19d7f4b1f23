// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'sdk/schema.d.ts', 'bench/**/*.js', 'bench/**/*.mjs', 'test/jest/**', '*.js', '*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'Expressions go through the expression port, never eval.' },
        { selector: "NewExpression[callee.name='Function']", message: 'Expressions go through the expression port, never new Function.' },
      ],
    },
  },
  {
    // The engine core is pure TypeScript: frameworks, persistence and queues stay outside, behind ports.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*'], message: 'src/engine must not depend on NestJS.' },
            { group: ['typeorm', 'typeorm/*'], message: 'src/engine must not depend on TypeORM.' },
            { group: ['bullmq', 'bullmq/*'], message: 'src/engine must not depend on BullMQ.' },
            { group: ['ioredis', 'ioredis/*'], message: 'src/engine must not depend on ioredis.' },
            { group: ['**/modules/**', '**/infrastructure/**', '**/config/**'], message: 'src/engine must not import host code.' },
          ],
        },
      ],
    },
  },
  {
    // Tests read loosely typed HTTP bodies.
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);

import tseslint from 'typescript-eslint';

export default tseslint.config({ ignores: ['node_modules/', 'cdk.out/', '.data/', 'test-artifacts/'] }, ...tseslint.configs.recommended, {
  rules: {
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
  },
});

import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { include: ['test/unit/i18n.test.ts', 'web/pages/pages.test.ts'] } });

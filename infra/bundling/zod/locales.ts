/** zod's `locales` namespace in the Lambda bundles: English only (see zodEnglishOnly in bundle.ts). */
export { default as en } from 'zod/v4/locales/en.js';

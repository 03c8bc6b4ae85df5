import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Tinos (metric-compatible with Times New Roman, with every Vietnamese letter; SIL Open Font
 * License 1.1, which allows embedding) from the registry package @expo-google-fonts/tinos: the
 * PDF embeds it, so a certificate prints the same everywhere. The web function's bundle carries
 * the files next to index.mjs (infra/constructs/web-app.ts copies them there); locally and in
 * tests they are resolved from node_modules.
 */
export const TINOS_FILES = {
  regular: 'Tinos_400Regular.ttf',
  bold: 'Tinos_700Bold.ttf',
  italic: 'Tinos_400Regular_Italic.ttf',
  boldItalic: 'Tinos_700Bold_Italic.ttf',
} as const;
export type FontStyle = keyof typeof TINOS_FILES;
/** The styles the certificates use (the bundle ships these). */
export const CERTIFICATE_FONTS = ['regular', 'bold', 'italic'] as const satisfies readonly FontStyle[];

const PACKAGE = '@expo-google-fonts/tinos';
const PACKAGE_DIRS: Record<FontStyle, string> = {
  regular: '400Regular',
  bold: '700Bold',
  italic: '400Regular_Italic',
  boldItalic: '700Bold_Italic',
};

/** The repository path of a font file (the bundling copies it from there). */
export const tinosSource = (style: FontStyle) => `node_modules/${PACKAGE}/${PACKAGE_DIRS[style]}/${TINOS_FILES[style]}`;

const resolved = new Map<FontStyle, string>();

/**
 * The font file: the copy next to the running module if there is one (the Lambda bundle:
 * import.meta.url is its index.mjs), else the package's, resolved the way Node resolves it.
 */
export function tinosPath(style: FontStyle): string {
  const known = resolved.get(style);
  if (known) return known;
  const bundled = fileURLToPath(new URL(`./${TINOS_FILES[style]}`, import.meta.url));
  const path = existsSync(bundled)
    ? bundled
    : createRequire(import.meta.url).resolve(`${PACKAGE}/${PACKAGE_DIRS[style]}/${TINOS_FILES[style]}`);
  resolved.set(style, path);
  return path;
}

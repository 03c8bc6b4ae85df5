import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Tinos (Apache-2.0, metric-compatible with Times New Roman, with every Vietnamese letter),
 * shipped by the registry package @expo-google-fonts/tinos: the PDF embeds it, so a
 * certificate prints the same everywhere. The web function's bundle carries the files next to
 * index.mjs (infra/constructs/web-app.ts); locally they are read from node_modules.
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

const PACKAGE_DIRS: Record<FontStyle, string> = {
  regular: '400Regular',
  bold: '700Bold',
  italic: '400Regular_Italic',
  boldItalic: '700Bold_Italic',
};

/** The repository path of a font file (the bundling copies it from there). */
export const tinosSource = (style: FontStyle) => `node_modules/@expo-google-fonts/tinos/${PACKAGE_DIRS[style]}/${TINOS_FILES[style]}`;

/** The font file: the bundle's copy if there is one, else the package's. */
export function tinosPath(style: FontStyle): string {
  const bundled = fileURLToPath(new URL(`./${TINOS_FILES[style]}`, import.meta.url));
  if (existsSync(bundled)) return bundled;
  return fileURLToPath(new URL(`../../../${tinosSource(style)}`, import.meta.url));
}

/**
 * Characters that change how a name looks without being seen: the bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), the direction marks (U+200E, U+200F,
 * U+061C). "hoadon\u202Efdp.exe" shows as "hoadonexe.pdf".
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
/** Line-like controls (tab, LF, VT, FF, CR, NEL) and the line / paragraph separators: a space. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
/** The other control characters: C0, DEL and C1. */
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;

/** The longest name kept, in characters (code points: a Vietnamese letter is never cut in half). */
export const MAX_FILE_NAME_CHARS = 200;

/**
 * A file name safe to store, show and send: well-formed UTF-16, NFC (a name from macOS arrives decomposed; the
 * Vietnamese letters stay, composed), no bidi controls, no control characters (line breaks and
 * tabs become a space), no path separators (`_`), spaces collapsed and trimmed, and at most
 * 200 characters from the end (the extension is kept).
 */
export function cleanFileName(name: string): string {
  const clean = name
    .toWellFormed() // a lone surrogate becomes U+FFFD (encodeURIComponent would throw on it)
    .normalize('NFC')
    .replace(BIDI_CONTROLS, '')
    .replace(BREAKS, ' ')
    .replace(CONTROLS, '')
    .replace(/[\\/]/g, '_')
    .replace(/ {2,}/g, ' ')
    .trim();
  const chars = Array.from(clean);
  return chars.length > MAX_FILE_NAME_CHARS ? chars.slice(-MAX_FILE_NAME_CHARS).join('').trim() : clean;
}

import { cleanFileName } from '../../../core/file-names.ts';

/** Without diacritics, for the ASCII `filename=` fallback of old clients. */
function asciiName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-(?=\.)|-$/g, '');
}

/** RFC 5987 value: everything outside attr-char percent-encoded (encodeURIComponent leaves '()*! alone). */
function rfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `attachment` with an ASCII fallback and the Vietnamese name in filename*=UTF-8''... (RFC 6266,
 * RFC 5987). Used for every download: exports and evidence files.
 */
export function contentDisposition(name: string): string {
  // No path separators, quotes, control or bidi characters even in the UTF-8 name.
  const clean = cleanFileName(name.replace(/[\\/"\u0000-\u001f\u007f]+/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return `attachment; filename="${asciiName(clean) || 'download'}"; filename*=UTF-8''${rfc5987(clean)}`;
}

export const CSV_TYPE = 'text/csv; charset=utf-8';

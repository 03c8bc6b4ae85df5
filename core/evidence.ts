import { ValidationError } from './errors.ts';
import { cleanFileName } from './file-names.ts';

/** Where evidence files live: S3 on AWS, a local folder on one machine. */
export interface EvidenceStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
  delete(key: string): Promise<void>;
}

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const MAX_EVIDENCE_FILES = 20;

type FileType = { contentType: string; magic: (bytes: Uint8Array) => boolean };
const startsWith =
  (...signature: number[]) =>
  (bytes: Uint8Array) =>
    signature.every((b, i) => bytes[i] === b);
const zip = startsWith(0x50, 0x4b, 0x03, 0x04);
const ole = startsWith(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);

/** Images, PDF and office documents; the content is checked, not only the name. */
const TYPES: Record<string, FileType> = {
  jpg: { contentType: 'image/jpeg', magic: startsWith(0xff, 0xd8, 0xff) },
  jpeg: { contentType: 'image/jpeg', magic: startsWith(0xff, 0xd8, 0xff) },
  png: { contentType: 'image/png', magic: startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
  webp: {
    contentType: 'image/webp',
    magic: (b) => startsWith(0x52, 0x49, 0x46, 0x46)(b) && String.fromCharCode(...b.slice(8, 12)) === 'WEBP',
  },
  pdf: { contentType: 'application/pdf', magic: startsWith(0x25, 0x50, 0x44, 0x46) },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: zip },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: zip },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: zip },
  doc: { contentType: 'application/msword', magic: ole },
  xls: { contentType: 'application/vnd.ms-excel', magic: ole },
  ppt: { contentType: 'application/vnd.ms-powerpoint', magic: ole },
};
export const ALLOWED_EXTENSIONS = Object.keys(TYPES);

/**
 * Checks name, size and content; returns the content type we serve it with and the name as
 * stored: without bidi or control characters (core/file-names.ts), so the extension checked is
 * the one shown.
 */
export function checkEvidenceFile(name: string, bytes: Uint8Array): { contentType: string; name: string } {
  const clean = cleanFileName(name);
  if (!clean) throw new ValidationError([{ field: 'file', key: 'reason.chooseFile' }]);
  if (bytes.byteLength === 0) throw new ValidationError([{ field: 'file', key: 'reason.fileEmpty' }]);
  if (bytes.byteLength > MAX_EVIDENCE_BYTES) {
    throw new ValidationError([{ field: 'file', key: 'reason.fileTooLarge', params: { megabytes: MAX_EVIDENCE_BYTES / (1024 * 1024) } }]);
  }
  const extension = clean.split('.').pop()?.toLowerCase() ?? '';
  const type = TYPES[extension];
  if (!type || !clean.includes('.')) {
    throw new ValidationError([
      {
        field: 'file',
        key: 'reason.fileTypeNotAllowed',
        params: { allowed: ALLOWED_EXTENSIONS.join(', ') },
      },
    ]);
  }
  if (!type.magic(bytes)) {
    throw new ValidationError([{ field: 'file', key: 'reason.contentMismatch', params: { extension } }]);
  }
  return { contentType: type.contentType, name: clean };
}

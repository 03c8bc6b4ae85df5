import { existsSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { canRender, renderDocuments } from '../../../test/support/render-documents.ts';

/**
 * The decision opens in LibreOffice (converted to PDF without error, the list on pages after the
 * first) and the first pages render as images kept in test-artifacts/documents. Only where
 * LibreOffice and poppler are installed (Debian's packages; a fresh machine may lack them).
 */
describe.skipIf(!canRender())('the documents rendered as an office sees them', () => {
  it('converts the .docx in LibreOffice and renders the first pages', { timeout: 240_000 }, async () => {
    const pngs = await renderDocuments();
    for (const png of Object.values(pngs)) expect(statSync(png).size, png).toBeGreaterThan(10_000);
    for (const format of ['party', 'state']) {
      const pdf = `test-artifacts/documents/decision-${format}.pdf`;
      expect(existsSync(pdf)).toBe(true);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' })).toContain('QUYẾT ĐỊNH');
    }
  });
});

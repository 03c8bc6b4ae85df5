import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCertificatesPdf } from '../../web/decisions/documents/certificates-pdf.ts';
import { buildDecisionDocx } from '../../web/decisions/documents/decision-docx.ts';
import { sampleDecision } from '../../web/decisions/documents/sample-decision.ts';

/** Whether this machine can render the files (Debian: libreoffice-writer-nogui, poppler-utils). */
export function canRender(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v soffice && command -v pdftoppm'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** First page of a PDF as a PNG (pdftoppm). */
function firstPage(pdf: string, png: string) {
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, png.replace(/\.png$/, '')]);
}

/**
 * Renders sample decisions and certificates the way an office sees them: the .docx through
 * LibreOffice (headless, to PDF), the certificates PDF as it is, first pages as PNGs under
 * test-artifacts/documents. Run: `npx tsx test/support/render-documents.ts`.
 */
export async function renderDocuments(out = join(process.cwd(), 'test-artifacts', 'documents')) {
  mkdirSync(out, { recursive: true });
  const written: Record<string, string> = {};
  for (const format of ['PARTY', 'STATE'] as const) {
    const doc = sampleDecision(format, 30);
    const docx = join(out, `decision-${format.toLowerCase()}.docx`);
    writeFileSync(docx, await buildDecisionDocx(doc));
    execFileSync(
      'soffice',
      ['--headless', `-env:UserInstallation=file:///tmp/lo-render-profile`, '--convert-to', 'pdf', '--outdir', out, docx],
      {
        stdio: 'ignore',
        timeout: 120_000,
      },
    );
    written[`decision-${format}`] = join(out, `decision-${format.toLowerCase()}-page1.png`);
    firstPage(docx.replace(/\.docx$/, '.pdf'), written[`decision-${format}`]!);
    const certificates = join(out, `certificates-${format.toLowerCase()}.pdf`);
    writeFileSync(certificates, await buildCertificatesPdf(doc));
    written[`certificate-${format}`] = join(out, `certificate-${format.toLowerCase()}-page1.png`);
    firstPage(certificates, written[`certificate-${format}`]!);
  }
  const blank = join(out, 'certificates-blank.pdf');
  writeFileSync(
    blank,
    await buildCertificatesPdf(sampleDecision('PARTY', 2), {
      layout: {
        name: { x: 40, y: 95, size: 22, width: 217 },
        unitName: { x: 90, y: 118 },
        level: { x: 90, y: 130 },
        decision: { x: 60, y: 150, size: 12 },
        placeDate: { x: 170, y: 165, size: 12 },
        signerName: { x: 185, y: 195 },
      },
    }),
  );
  written.blank = join(out, 'certificate-blank-page1.png');
  firstPage(blank, written.blank);
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await renderDocuments());

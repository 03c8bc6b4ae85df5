import type { Deps } from '../core/deps.ts';
import type { DecisionMember } from '../core/decisions/batch-decision.ts';
import { decisionMemberItems, openDecisionId } from '../core/store/decision-store.ts';
import { listModels } from '../core/store/model-store.ts';
import { commitWrites } from '../core/store/writes.ts';
import { decisionDocument, issueDecision, saveDocumentSettings } from '../core/use-cases/batch-decisions.ts';
import { buildCertificatesPdf } from '../web/decisions/documents/certificates-pdf.ts';
import { buildDecisionDocx } from '../web/decisions/documents/decision-docx.ts';
import { DEMO_DOCUMENT_SETTINGS } from '../local/seed-demo.ts';

/** What issuing a province's decision takes: the one-step issue, its document and its certificates file. */
export type DecisionResult = {
  models: number;
  issueMs: number;
  docxMs: number;
  docxBytes: number;
  pdfMs: number;
  pdfBytes: number;
  pages: number;
};

const admin = { kind: 'user', username: 'quantri', role: 'admin' } as const;

/**
 * Seed 003's province: `count` recognitions of next year gather on the board's decision (written
 * as each publication writes its list entry), then the decision is issued in one step, its .docx
 * built and its certificates PDF produced (one A4 page each), each timed.
 */
export async function measureDecision(deps: Deps, boardId: string, count: number, year: number): Promise<DecisionResult> {
  await saveDocumentSettings(deps, admin, boardId, DEMO_DOCUMENT_SETTINGS);
  const models = (await listModels(deps, { boardId }, count)).slice(0, count);
  const at = deps.now().toISOString();
  const decisionId = await openDecisionId(deps, boardId, year, at);
  const members: DecisionMember[] = models.map((m) => ({
    decisionId,
    modelId: m.id,
    name: m.name,
    unitId: m.unitId,
    unitName: m.unitId,
    area: m.area ?? 'ECONOMY',
    kind: m.kind,
    level: 'PROVINCE',
    publishedAt: at,
  }));
  for (let i = 0; i < members.length; i += 16) {
    await Promise.all(
      members.slice(i, i + 16).map((m) => commitWrites(deps, decisionMemberItems(deps.tableName, m), 'error.changedMeanwhile')),
    );
  }
  // Dated this year: the bench's decision year may be the next cycle's, which a signature cannot precede.
  const date = `${year}-12-20`;
  const issueDeps = { ...deps, now: () => new Date(`${year}-12-21T03:00:00Z`) };
  let began = performance.now();
  await issueDecision(issueDeps, admin, decisionId, { date });
  const issueMs = performance.now() - began;
  began = performance.now();
  const { document } = await decisionDocument(issueDeps, admin, decisionId, { requireIssued: true });
  const docx = await buildDecisionDocx(document);
  const docxMs = performance.now() - began;
  began = performance.now();
  const pdf = await buildCertificatesPdf(document);
  const pdfMs = performance.now() - began;
  return {
    models: members.length,
    issueMs: Math.round(issueMs),
    docxMs: Math.round(docxMs),
    docxBytes: docx.length,
    pdfMs: Math.round(pdfMs),
    pdfBytes: pdf.length,
    pages: document.entries.length,
  };
}

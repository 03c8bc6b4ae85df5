import type { AREAS, KINDS, LEVELS } from '../model.ts';

/**
 * Which rules a board's documents follow: a Party body (Ban Tuyên giáo và Dân vận of a Party
 * committee) uses Hướng dẫn 36-HD/VPTW (2018), a state body (a People's Committee) Nghị định
 * 30/2020/NĐ-CP. Both: A4, Times New Roman 13–14 pt, the same margins.
 */
export const DOCUMENT_FORMATS = ['PARTY', 'STATE'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** The heading of a document or certificate: who issues it, and the line on the right. */
export type DocumentHeading = {
  format: DocumentFormat;
  /** The body above the issuer, upper case on the document: "TỈNH ỦY QUẢNG NINH" / "UBND TỈNH QUẢNG NINH". Optional. */
  parentBody?: string;
  /** The issuing body: "BAN TUYÊN GIÁO VÀ DÂN VẬN" / "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH". */
  issuingBody: string;
  /** The full number as printed, without "Số": "01-QĐ/BTGDVTU" (PARTY) or "01/QĐ-UBND" (STATE). */
  number: string;
  /** The place before the date: "Quảng Ninh" → "Quảng Ninh, ngày 15 tháng 12 năm 2026". */
  place: string;
  /** The date it was signed, ISO (YYYY-MM-DD or a full date-time; printed in Vietnam's time zone). */
  date: string;
  /**
   * The issuer as the decision names itself above its grounds, when it differs from the default
   * ("BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH"). Optional.
   */
  issuerLine?: string;
};

/** Who signs: the authority line (optional, "T/M BAN THƯỜNG VỤ", "KT. TRƯỞNG BAN"), the title and the name. */
export type DocumentSigner = { authority?: string; title: string; name: string };

/** One recognized model or exemplar on a decision's attached list (labels already in Vietnamese). */
export type DecisionListEntry = {
  no: number;
  modelId: string;
  name: string;
  unitName: string;
  area: (typeof AREAS)[number];
  kind: (typeof KINDS)[number];
  level: (typeof LEVELS)[number];
};

/** Everything a recognition decision's document and its certificates print. */
export type DecisionDocument = {
  heading: DocumentHeading;
  year: number;
  /** "Về việc công nhận mô hình, điển hình “Dân vận khéo” năm 2026". */
  subject: string;
  /** Legal grounds, each printed as its own "Căn cứ ..." paragraph. */
  grounds: string[];
  /** Recipients ("Nơi nhận"), e.g. "Như Điều 3", "Lưu VT". */
  recipients: string[];
  signer: DocumentSigner;
  entries: DecisionListEntry[];
};

/**
 * Where each field sits on a pre-printed blank certificate (phôi), in millimetres from the top
 * left of an A4 landscape sheet, with its font size in points. Set per board by an administrator.
 */
export const CERTIFICATE_FIELDS = ['name', 'unitName', 'level', 'area', 'decision', 'placeDate', 'signerName'] as const;
export type CertificateField = (typeof CERTIFICATE_FIELDS)[number];
export type CertificateLayout = Partial<Record<CertificateField, { x: number; y: number; size?: number; width?: number }>>;

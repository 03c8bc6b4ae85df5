import type { DecisionDocument, DocumentFormat } from '../../../core/documents/document-types.ts';
import { AREAS } from '../../../core/model.ts';

const NAMES = [
  'Mô hình “Dân vận khéo” xây dựng nông thôn mới ở Xã Quảng Tân',
  'Điển hình vận động hiến đất mở đường',
  'Tổ tự quản an ninh trật tự khu phố 3',
  'Bếp ăn tình thương Bệnh viện Bãi Cháy',
  'Chi hội phụ nữ “Tiết kiệm vì người nghèo”',
  'Dòng họ khuyến học, khuyến tài',
];
const UNITS = ['Xã Quảng Tân', 'Phường Hạ Long', 'Xã Quảng La', 'Hội Nông dân tỉnh Quảng Ninh'];

/** A decision of `count` entries in the given format: the documents' tests and rendered samples use it. */
export function sampleDecision(format: DocumentFormat, count: number): DecisionDocument {
  const party = format === 'PARTY';
  return {
    heading: party
      ? {
          format,
          parentBody: 'TỈNH ỦY QUẢNG NINH',
          issuingBody: 'BAN TUYÊN GIÁO VÀ DÂN VẬN',
          number: '01-QĐ/BTGDVTU',
          place: 'Quảng Ninh',
          date: '2026-12-15',
        }
      : {
          format,
          parentBody: 'UBND TỈNH QUẢNG TRỊ',
          issuingBody: 'BAN THI ĐUA - KHEN THƯỞNG',
          number: '01/QĐ-UBND',
          place: 'Quảng Trị',
          date: '2026-02-05',
        },
    year: 2026,
    subject: 'Về việc công nhận mô hình, điển hình “Dân vận khéo” năm 2026',
    grounds: [
      'Căn cứ Quy chế làm việc của Ban Tuyên giáo và Dân vận Tỉnh ủy;',
      'Căn cứ Kế hoạch thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2026 - 2030;',
      'Xét kết quả thẩm định của Hội đồng thi đua “Dân vận khéo” tỉnh,',
    ],
    recipients: ['Thường trực Tỉnh ủy (b/c)', 'Các đơn vị có tên tại Điều 1', 'Lưu Văn phòng Ban'],
    signer: party
      ? { authority: 'K/T TRƯỞNG BAN', title: 'PHÓ TRƯỞNG BAN', name: 'Nguyễn Thị Minh' }
      : { title: 'TRƯỞNG BAN', name: 'Lê Văn Hải' },
    entries: Array.from({ length: count }, (_, i) => ({
      no: i + 1,
      modelId: `m-${i}`,
      name: i < NAMES.length ? NAMES[i]! : `${NAMES[i % NAMES.length]!} (${i + 1})`,
      unitName: UNITS[i % UNITS.length]!,
      area: AREAS[i % AREAS.length]!,
      kind: i % 6 === 1 ? 'EXEMPLAR' : 'MODEL',
      level: i % 5 === 0 ? 'PROVINCE' : 'COMMUNE',
    })),
  };
}

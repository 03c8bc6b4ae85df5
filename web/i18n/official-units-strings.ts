/** The official administrative units (codes, the import of the official list) on the units page (merged into vi.ts / en.ts by spreading). */
export const officialUnitsVi = {
  'officialUnits.code': 'Mã đơn vị hành chính',
  'officialUnits.codeHint':
    '2 chữ số (tỉnh, thành phố) hoặc 5 chữ số (xã, phường, đặc khu) theo Quyết định 19/2025/QĐ-TTg; để trống nếu không có.',
  'officialUnits.codeShown': 'mã hành chính {code}',
  'officialUnits.title': 'Nhập danh mục đơn vị hành chính',
  'officialUnits.intro':
    'Danh mục theo Quyết định 19/2025/QĐ-TTg (từ 01/07/2025): 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu. Đơn vị đã mang mã được cập nhật tại chỗ, không tạo trùng; nhập lại lần nữa không thay đổi gì.',
  'officialUnits.province': 'Tỉnh, thành phố cần nhập',
  'officialUnits.all': 'Cả 34 tỉnh, thành phố',
  'officialUnits.import': 'Nhập danh mục',
  'officialUnits.imported': 'Đã nhập danh mục: {created} đơn vị mới, {updated} đơn vị cập nhật, {unchanged} đơn vị không đổi.',
} as const;

export const officialUnitsEn: Record<keyof typeof officialUnitsVi, string> = {
  'officialUnits.code': 'Administrative code',
  'officialUnits.codeHint':
    '2 digits (a province) or 5 digits (a commune, ward or special zone), as in Decision 19/2025/QĐ-TTg; leave empty if it has none.',
  'officialUnits.codeShown': 'administrative code {code}',
  'officialUnits.title': 'Import the official administrative units',
  'officialUnits.intro':
    'The list of Decision 19/2025/QĐ-TTg (since 1 July 2025): 34 provinces and 3,321 communes, wards and special zones. A unit that already has its code is updated in place, never duplicated; importing again changes nothing.',
  'officialUnits.province': 'Province to import',
  'officialUnits.all': 'All 34 provinces',
  'officialUnits.import': 'Import the list',
  'officialUnits.imported': 'Official list imported: {created} unit(s) created, {updated} updated, {unchanged} unchanged.',
};

/** Strings of the model page's lifecycle diagram, recognition line and proposals sent (merged into vi.ts / en.ts by spreading). */
export const modelPageVi = {
  'diagram.done': 'Đã xong',
  'modelPage.recognized': 'Đã được công nhận: {level}, năm {year}',
  'modelPage.recognizedShort': '{level}, năm {year}',
  'modelPage.proposals': 'Đề xuất đã gửi',
  'proposal.to': 'Gửi đến ban',
  'proposal.unit': 'Đơn vị',
  'proposal.answer': 'Trả lời',
  'proposal.noAnswer': 'Chưa có trả lời',
} as const;

export const modelPageEn: Record<keyof typeof modelPageVi, string> = {
  'diagram.done': 'Done',
  'modelPage.recognized': 'Recognized: {level}, {year}',
  'modelPage.recognizedShort': '{level}, {year}',
  'modelPage.proposals': 'Proposals sent',
  'proposal.to': 'Sent to board',
  'proposal.unit': 'Unit',
  'proposal.answer': 'Answer',
  'proposal.noAnswer': 'No answer yet',
};

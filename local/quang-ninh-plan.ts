import type { ScalePlan } from './seed-scale.ts';

/**
 * Seed 003's province: about 2,500 models registered across the four areas, 1,400 recognized
 * (1,179 collectives, 221 individuals), driven through the real workflow.
 */
export const QUANG_NINH_PLAN: ScalePlan = {
  year: 2026,
  boardId: 'ban-tinh-qn',
  unitIds: ['phuong-ha-long', 'xa-quang-la', 'hoi-nong-dan-qn'],
  registered: 2500,
  exemplars: 300,
  recognizedModels: 1179,
  recognizedExemplars: 221,
  rejected: 300,
};

import { cycleYearAt } from '../core/rules.ts';
import type { ScalePlan } from './seed-scale.ts';

/**
 * Seed 003's province: about 2,500 models registered across the four areas, 1,400 recognized
 * (1,179 collectives, 221 individuals), driven through the real workflow. Its year is the cycle
 * year at `now` (Vietnam time): units register through the registration use case, which takes
 * this cycle year or the next only, so the plan never names a fixed year.
 */
export function quangNinhPlan(now: Date = new Date()): ScalePlan {
  return {
    year: cycleYearAt(now),
    boardId: 'ban-tinh-qn',
    unitIds: ['phuong-ha-long', 'xa-quang-la', 'hoi-nong-dan-qn'],
    registered: 2500,
    exemplars: 300,
    recognizedModels: 1179,
    recognizedExemplars: 221,
    rejected: 300,
  };
}

import * as z from 'zod';

/**
 * A recorded change of the organisation (issue 16): units merged into a successor, a unit split
 * into several, or a unit renamed, on a date. One record per change (pk `UNITCHANGE#id`), listed
 * from each unit involved (pk `UNIT#unitId`, sk `CHANGE#date#id`). A merger or split moves the
 * predecessors' models and accounts to `modelsTo`: the record is written first (MOVING) and
 * marked DONE when everything moved, so an interrupted move is finished by posting it again.
 */
export const UNIT_CHANGE_TYPES = ['MERGE', 'SPLIT', 'RENAME'] as const;
export type UnitChangeType = (typeof UNIT_CHANGE_TYPES)[number];
export const UNIT_CHANGE_STATUSES = ['MOVING', 'DONE'] as const;

export type UnitChange = {
  id: string;
  type: UnitChangeType;
  /** The units before: the merged units, the unit split, the unit renamed. */
  from: string[];
  /** The units after: the successor of a merger, the units of a split, the unit renamed. */
  to: string[];
  /** Where the models and accounts went (a merger's successor, the split's chosen unit). */
  modelsTo?: string;
  /** The day it took effect, yyyy-mm-dd. */
  date: string;
  note?: string;
  /** A rename: the name (and code) before and after. */
  name?: string;
  formerName?: string;
  code?: string;
  formerCode?: string;
  /** Boards whose unit was merged away, each recorded as merged into the successor's board. */
  boardsMerged?: { from: string; to: string }[];
  status: (typeof UNIT_CHANGE_STATUSES)[number];
  modelsMoved: number;
  accountsMoved: number;
  by: string;
  at: string;
  doneAt?: string;
};

const str = z.string();
export const UnitChangeRecord = z.object({
  id: str,
  type: z.enum(UNIT_CHANGE_TYPES),
  from: z.array(str),
  to: z.array(str),
  modelsTo: str.optional(),
  date: str,
  note: str.optional(),
  name: str.optional(),
  formerName: str.optional(),
  code: str.optional(),
  formerCode: str.optional(),
  boardsMerged: z.array(z.object({ from: str, to: str })).optional(),
  status: z.enum(UNIT_CHANGE_STATUSES),
  modelsMoved: z.number().default(0),
  accountsMoved: z.number().default(0),
  by: str,
  at: str,
  doneAt: str.optional(),
}) satisfies z.ZodType<UnitChange>;

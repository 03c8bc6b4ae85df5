/**
 * AWS cost per model-year from what one model-year uses (pure). Prices: ap-southeast-1,
 * on-demand, as listed on the AWS pricing pages in 2026-11 (also in the README).
 */
export const PRICES = {
  date: '2026-11',
  region: 'ap-southeast-1',
  /** Step Functions Standard: per state transition ($0.025 per 1,000). */
  stateTransition: 0.025 / 1000,
  /** Lambda: per request ($0.20 per million) and per GB-second on arm64. */
  lambdaRequest: 0.2 / 1e6,
  lambdaGbSecondArm: 0.0000133334,
  /** DynamoDB on demand: per write request unit and read request unit (transactions count double, already in the units). */
  writeUnit: 0.625 / 1e6,
  readUnit: 0.125 / 1e6,
} as const;

export type LambdaUse = { name: string; invocations: number; avgMs: number; memoryMb: number };
export type ModelYearUse = { transitions: number; lambdas: LambdaUse[]; writeUnits: number; readUnits: number };
export type Cost = {
  stepFunctions: number;
  lambdaRequests: number;
  lambdaCompute: number;
  dynamoWrites: number;
  dynamoReads: number;
  total: number;
};

export function costPerModelYear(use: ModelYearUse, prices = PRICES): Cost {
  const invocations = use.lambdas.reduce((sum, l) => sum + l.invocations, 0);
  // Lambda bills each invocation's duration rounded up to the millisecond.
  const gbSeconds = use.lambdas.reduce((sum, l) => sum + l.invocations * (Math.ceil(l.avgMs) / 1000) * (l.memoryMb / 1024), 0);
  const cost = {
    stepFunctions: use.transitions * prices.stateTransition,
    lambdaRequests: invocations * prices.lambdaRequest,
    lambdaCompute: gbSeconds * prices.lambdaGbSecondArm,
    dynamoWrites: use.writeUnits * prices.writeUnit,
    dynamoReads: use.readUnits * prices.readUnit,
  };
  return { ...cost, total: Object.values(cost).reduce((a, b) => a + b, 0) };
}

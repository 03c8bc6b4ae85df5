import { SFNClient } from '@aws-sdk/client-sfn';
import { wrapSdkSend } from './sdk-send.ts';

/**
 * Counts the Step Functions API calls made in this process (the web app's SendTaskSuccess, the
 * review's StartExecution of each cycle, ...), by operation. Step Functions bills transitions,
 * not these calls, but each has its own quota (StartExecution: bucket 800, refill 150/s in
 * ap-southeast-1), so the bench shows what a model-year needs of each.
 */
export type SfnCalls = Record<string, number>;

export class SfnCounter {
  private calls: SfnCalls = {};
  private installed = false;

  /** Patches the SDK's shared client `send` once (after or before DynamoCounter: each wraps the other). */
  install(): void {
    if (this.installed) return;
    wrapSdkSend(SFNClient, (client, args, send) => {
      if (client instanceof SFNClient) {
        const op = (args[0] as { constructor: { name: string } }).constructor.name.replace(/Command$/, '');
        this.calls[op] = (this.calls[op] ?? 0) + 1;
      }
      return send(...args);
    });
    this.installed = true;
  }

  snapshot(): SfnCalls {
    return { ...this.calls };
  }
}

export function diffCalls(after: SfnCalls, before: SfnCalls): SfnCalls {
  const out: SfnCalls = {};
  for (const [op, n] of Object.entries(after)) if (n - (before[op] ?? 0)) out[op] = n - (before[op] ?? 0);
  return out;
}

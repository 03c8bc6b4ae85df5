import type { SFNClient } from '@aws-sdk/client-sfn';
import type { SfnClient } from '../../core/deps.ts';

/**
 * A Step Functions client made on its first call, from the SDK module imported then: most
 * workflow functions never call the engine, and the module is ~40 KiB of a bundle that every
 * cold start would otherwise read and compile (bench/bundles.ts measures it). The functions
 * that do call it pay that once per container, on their first call.
 */
export function lazySfnClient(): SfnClient {
  let client: Promise<SFNClient> | undefined;
  const send = async (command: Parameters<SFNClient['send']>[0]) => {
    client ??= import('@aws-sdk/client-sfn').then(({ SFNClient }) => new SFNClient({}));
    return (await client).send(command);
  };
  return { send };
}

import { createServer, type Server } from 'node:http';
import type { LocalStepFunctions } from './local-step-functions.ts';
import { SfnApiError } from './sfn-errors.ts';
import { checkSignature, type LocalCredentials } from './sfn-auth.ts';
import { logError } from '../../core/redact.ts';

type Operation = (body: Record<string, unknown>) => Promise<unknown>;

/** Whom the service answers: requests signed (SigV4) with these credentials, scoped to this region. */
export type SfnServerAuth = { credentials: LocalCredentials; region: string };

/**
 * Speaks the Step Functions JSON protocol (POST /, X-Amz-Target: AWSStepFunctions.<Op>,
 * application/x-amz-json-1.0), so @aws-sdk/client-sfn works unchanged with an endpoint.
 * Like AWS, it checks every request's Signature Version 4 first: an unsigned request, or one
 * signed with another key, is refused with AWS's error (HTTP 400) and changes nothing.
 */
export function createSfnHttpServer(service: LocalStepFunctions, auth: SfnServerAuth): Server {
  const operations: Record<string, Operation> = {
    StartExecution: async (b) => {
      const started = await service.startExecution(b);
      return { executionArn: started.executionArn, startDate: Date.parse(started.startDate) / 1000 };
    },
    DescribeExecution: (b) => service.describeExecution(b.executionArn),
    ListExecutions: (b) => service.listExecutions(b),
    GetExecutionHistory: (b) => service.getExecutionHistory(b),
    StopExecution: (b) => service.stopExecution(b),
    SendTaskSuccess: (b) => service.sendTaskSuccess(b),
    SendTaskFailure: (b) => service.sendTaskFailure(b),
    SendTaskHeartbeat: (b) => service.sendTaskHeartbeat(b),
  };
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    // Every failure is answered inside (a 4xx or a logged 500), so nothing is left to reject.
    req.on('end', () => void respond());
    const respond = async () => {
      const reply = (status: number, body: unknown, errorType?: string) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...(errorType ? { 'x-amzn-errortype': errorType } : {}) });
        res.end(JSON.stringify(body));
      };
      const raw = Buffer.concat(chunks);
      const refused = await checkSignature(req, raw, auth.credentials, auth.region).catch((error: unknown) => {
        logError('[local-sfn] signature check', error);
        return new SfnApiError('InvalidSignatureException', 'The request signature could not be checked.');
      });
      if (refused) return reply(400, { __type: refused.name, message: refused.message }, refused.name);
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = operations[target.replace(/^AWSStepFunctions\./, '')];
      if (req.method !== 'POST' || !operation)
        return reply(400, { __type: 'UnknownOperationException', message: `Unknown operation ${target}` }, 'UnknownOperationException');
      try {
        const text = raw.toString('utf8');
        const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        reply(200, await operation(body));
      } catch (error) {
        if (error instanceof SfnApiError) return reply(400, { __type: error.name, message: error.message }, error.name);
        if (error instanceof SyntaxError)
          return reply(400, { __type: 'SerializationException', message: error.message }, 'SerializationException');
        logError('[local-sfn]', error);
        reply(500, { __type: 'InternalFailure', message: 'internal error' }, 'InternalFailure');
      }
    };
  });
}

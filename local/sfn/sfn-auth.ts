import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { SfnApiError } from './sfn-errors.ts';

/**
 * The local Step Functions service only answers requests signed (AWS Signature Version 4, as
 * every AWS SDK signs) with the local credential. Its secret is random, made once per process,
 * so that every client in the process (the web app's, and the Lambda handlers' built from
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) agrees with the service across restarts of the
 * runtime in one process. With a data folder it is also written to DATA_DIR/secrets/sfn-key
 * (mode 0600) at each start, for local tools of the same user; it changes with each process.
 */
export type LocalCredentials = { accessKeyId: string; secretAccessKey: string };

export const LOCAL_SFN_ACCESS_KEY_ID = 'local';
export const SFN_SIGNING_SERVICE = 'states';
/** AWS refuses signatures older (or newer) than 5 minutes. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

const processCredentials: LocalCredentials = { accessKeyId: LOCAL_SFN_ACCESS_KEY_ID, secretAccessKey: randomBytes(32).toString('hex') };

export function localSfnCredentials(): LocalCredentials {
  return { ...processCredentials };
}

export const sfnKeyFile = (dataDir: string) => join(dataDir, 'secrets', 'sfn-key');

/** The credential of the local Step Functions service running on `dataDir` (for tools and tests in other processes). */
export function readLocalSfnCredentials(dataDir: string): LocalCredentials {
  return { accessKeyId: LOCAL_SFN_ACCESS_KEY_ID, secretAccessKey: readFileSync(sfnKeyFile(dataDir), 'utf8').trim() };
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const refuse = {
  missing: () => new SfnApiError('MissingAuthenticationTokenException', 'Missing Authentication Token'),
  incomplete: (detail: string) => new SfnApiError('IncompleteSignatureException', detail),
  unrecognized: () => new SfnApiError('UnrecognizedClientException', 'The security token included in the request is invalid.'),
  invalid: (detail: string) => new SfnApiError('InvalidSignatureException', detail),
};

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * Checks the SigV4 signature of a request against `credentials`: the signature is computed again
 * with the SDK's own signer (@smithy/signature-v4) over the headers the client signed, the path,
 * the query and the body received, and compared in constant time. Returns the AWS-shaped error
 * to answer with, or undefined when the request is authentic.
 */
export async function checkSignature(
  req: IncomingMessage,
  body: Buffer,
  credentials: LocalCredentials,
  region: string,
  now = new Date(),
): Promise<SfnApiError | undefined> {
  const authorization = header(req, 'authorization');
  if (!authorization) return refuse.missing();
  const parsed = AUTHORIZATION.exec(authorization.trim());
  if (!parsed) return refuse.incomplete('Authorization header requires Credential, SignedHeaders and Signature (AWS4-HMAC-SHA256).');
  const [, credential, signedList, signature] = parsed as unknown as [string, string, string, string];
  const [accessKeyId, scopeDate, scopeRegion, scopeService, terminator, ...extra] = credential.split('/');
  if (accessKeyId !== credentials.accessKeyId) return refuse.unrecognized();

  const amzDate = header(req, 'x-amz-date') ?? '';
  const date = AMZ_DATE.exec(amzDate);
  if (!date) return refuse.incomplete("Authorization requires a valid 'X-Amz-Date' header (yyyyMMdd'T'HHmmss'Z').");
  const signingDate = new Date(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +date[6]!));
  if (
    scopeDate !== amzDate.slice(0, 8) ||
    scopeRegion !== region ||
    scopeService !== SFN_SIGNING_SERVICE ||
    terminator !== 'aws4_request' ||
    extra.length > 0
  ) {
    return refuse.invalid(
      `Credential should be scoped to a valid region, service and date: ${amzDate.slice(0, 8)}/${region}/${SFN_SIGNING_SERVICE}/aws4_request.`,
    );
  }
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_SIGNATURE_AGE_MS) {
    return refuse.invalid(`Signature expired: ${amzDate} is now outside 5 minutes of ${now.toISOString()}.`);
  }

  const signedHeaders = signedList.split(';');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date'))
    return refuse.incomplete("The 'Host' and 'X-Amz-Date' headers must be signed.");
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = header(req, name);
    if (value === undefined) return refuse.invalid(`Signed header ${name} is missing from the request.`);
    headers[name] = value;
  }
  // The signer trusts this header as the body's hash: it must be the hash of the body received.
  const contentSha = headers['x-amz-content-sha256'];
  if (contentSha !== undefined && contentSha !== createHash('sha256').update(body).digest('hex')) {
    return refuse.invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  const url = new URL(req.url ?? '/', 'http://local');
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const seen = query[key];
    query[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  const signer = new SignatureV4({
    credentials,
    region,
    service: SFN_SIGNING_SERVICE,
    sha256: Sha256,
    applyChecksum: false,
    uriEscapePath: true,
  });
  const expected = await signer.sign(
    new HttpRequest({ method: req.method ?? 'POST', protocol: 'http:', hostname: url.hostname, path: url.pathname, query, headers, body }),
    { signingDate, signableHeaders: new Set(signedHeaders) },
  );
  const computed = /Signature=([0-9a-f]{64})$/.exec(String(expected.headers.authorization ?? ''))?.[1] ?? '';
  if (computed.length !== signature.length || !timingSafeEqual(Buffer.from(computed), Buffer.from(signature))) {
    return refuse.invalid(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return undefined;
}

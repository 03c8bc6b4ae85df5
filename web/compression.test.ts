import { gunzipSync } from 'node:zlib';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { offlineDeps } from './api/write-openapi.ts';

/** A Function URL request (payload 2.0), as Lambda hands it to the web function. */
const urlEvent = (path: string, headers: Record<string, string>): LambdaEvent =>
  ({
    version: '2.0',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'x.lambda-url.ap-southeast-1.on.aws', ...headers },
    requestContext: { http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'test' }, domainName: 'x' },
    isBase64Encoded: false,
  }) as unknown as LambdaEvent;

describe('compressed answers through the Lambda adapter', () => {
  it('are sent base64-encoded with Content-Encoding gzip, and unpack to what an uncompressed client gets', async () => {
    const lambda = handle(createApp(offlineDeps()));
    const packed = (await lambda(urlEvent('/static/app.css', { 'accept-encoding': 'gzip, deflate, br' }))) as {
      statusCode: number;
      body: string;
      isBase64Encoded: boolean;
      headers: Record<string, string>;
    };
    const plain = (await lambda(urlEvent('/static/app.css', {}))) as typeof packed;
    expect(packed.statusCode).toBe(200);
    expect(packed.isBase64Encoded).toBe(true);
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(plain.isBase64Encoded).toBe(false);
    expect(gunzipSync(Buffer.from(packed.body, 'base64')).toString()).toBe(plain.body);
  });
});

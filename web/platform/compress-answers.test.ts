import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, compressAnswers } from './compress-answers.ts';

const big = 'Dân vận khéo '.repeat(500);
const app = new Hono()
  .use('*', compressAnswers())
  .get('/page', (c) => c.html(`<p>${big}</p>`))
  .get('/json', (c) => c.json({ big }))
  .get('/small', (c) => c.json({ ok: true }))
  .get('/binary', (c) => c.body(new Uint8Array(4096), 200, { 'content-type': 'application/pdf' }))
  .get('/no-transform', (c) => c.body(big, 200, { 'content-type': 'text/plain', 'cache-control': 'no-transform' }))
  .get('/empty', (c) => c.body(null, 204))
  .get('/tagged', (c) => c.body(big, 200, { 'content-type': 'text/css', etag: '"abc"', 'set-cookie': 'a=1' }));

const gzip = { 'accept-encoding': 'gzip, deflate, br' };

describe('compressAnswers', () => {
  it('gzips pages and JSON for a client that accepts it, and they unpack to the same text', async () => {
    for (const path of ['/page', '/json']) {
      const packed = await app.request(path, { headers: gzip });
      const plain = await app.request(path);
      expect(packed.headers.get('content-encoding'), path).toBe('gzip');
      expect(packed.headers.get('vary'), path).toMatch(/accept-encoding/i);
      expect(plain.headers.get('content-encoding'), path).toBeNull();
      const bytes = Buffer.from(await packed.arrayBuffer());
      const text = await plain.text();
      expect(bytes.length, path).toBeLessThan(Buffer.byteLength(text) / 5);
      expect(gunzipSync(bytes).toString(), path).toBe(text);
      expect(packed.headers.get('content-type')).toBe(plain.headers.get('content-type'));
    }
  });

  it('leaves small answers, binary files, no-transform answers and empty ones as they are', async () => {
    for (const path of ['/small', '/binary', '/no-transform', '/empty']) {
      const response = await app.request(path, { headers: gzip });
      expect(response.headers.get('content-encoding'), path).toBeNull();
    }
    expect((await app.request('/empty', { headers: gzip })).status).toBe(204);
    expect((await (await app.request('/binary', { headers: gzip })).arrayBuffer()).byteLength).toBe(4096);
  });

  it('keeps the other headers, cookies included, and weakens a strong ETag', async () => {
    const response = await app.request('/tagged', { headers: gzip });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('etag')).toBe('W/"abc"');
    expect(response.headers.getSetCookie()).toEqual(['a=1']);
  });

  it('reads Accept-Encoding as HTTP does: q=0 refuses, * accepts', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('br, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

import type { Context } from 'hono';
import { MAX_EVIDENCE_BYTES } from '../../core/evidence.ts';

/** The largest request body read before a route: an evidence upload and its multipart framing. */
export const MAX_REQUEST_BYTES = MAX_EVIDENCE_BYTES + 64 * 1024;

/**
 * Reads the raw body (at most `max` bytes) and puts it back on the request, so routes and
 * their body limits parse it as usual. 'too-large' when the body is bigger.
 */
export async function readBoundedBody(c: Context, max = MAX_REQUEST_BYTES): Promise<Uint8Array | 'too-large'> {
  const raw = c.req.raw;
  if (!raw.body) return new Uint8Array(0);
  if (Number(raw.headers.get('content-length') ?? 0) > max) return 'too-large';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = raw.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      return 'too-large';
    }
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks);
  c.req.raw = new Request(raw, { body: bytes });
  return bytes;
}

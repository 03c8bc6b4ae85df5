import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3EvidenceStore } from '../../core/store/s3-evidence-store.ts';

// Every S3Client, the one the store makes on its first call included.
const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());

describe('S3EvidenceStore (its S3 client made on the first call)', () => {
  it('puts, gets and deletes one object by key in its bucket', async () => {
    // The part of the SDK's response stream the store reads.
    const body = { transformToByteArray: () => Promise.resolve(new Uint8Array(Buffer.from('bằng chứng'))) };
    s3.on(GetObjectCommand).resolves({ Body: body as never });
    const store = new S3EvidenceStore('evidence');
    await store.put('models/m1/a.pdf', new Uint8Array([1, 2]), 'application/pdf');
    expect(Buffer.from((await store.get('models/m1/a.pdf'))!).toString()).toBe('bằng chứng');
    await store.delete('models/m1/a.pdf');

    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: 'evidence',
      Key: 'models/m1/a.pdf',
      Body: new Uint8Array([1, 2]),
      ContentType: 'application/pdf',
    });
    expect(s3.commandCalls(GetObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'evidence', Key: 'models/m1/a.pdf' });
    expect(s3.commandCalls(DeleteObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'evidence', Key: 'models/m1/a.pdf' });
  });

  it('makes one client for all its calls, or uses the one it is given', async () => {
    const store = new S3EvidenceStore('evidence');
    await Promise.all([store.delete('a'), store.delete('b')]);
    const clients = new Set(s3.calls().map((call) => call.thisValue as unknown));
    expect(clients.size).toBe(1);

    const given = new S3Client({ region: 'ap-southeast-1' });
    await new S3EvidenceStore('evidence', given).delete('c');
    expect(s3.calls().at(-1)!.thisValue).toBe(given);
  });

  it('answers a missing object with undefined and rethrows anything else', async () => {
    const store = new S3EvidenceStore('evidence');
    s3.on(GetObjectCommand, { Key: 'gone' }).rejects(new NoSuchKey({ message: 'gone', $metadata: {} }));
    s3.on(GetObjectCommand, { Key: 'denied' }).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    await expect(store.get('gone')).resolves.toBeUndefined();
    await expect(store.get('denied')).rejects.toThrow('Access Denied');
  });
});

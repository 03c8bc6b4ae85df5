import type { S3Client } from '@aws-sdk/client-s3';
import type { EvidenceStore } from '../evidence.ts';

/** The S3 client package, imported on the first evidence request: about 140 KiB the web function's cold start need not load. */
const s3Package = () => import('@aws-sdk/client-s3');

/** Evidence in the private, encrypted S3 bucket (see infra). */
export class S3EvidenceStore implements EvidenceStore {
  private bucket: string;
  private s3: Promise<S3Client> | undefined;
  constructor(bucket: string, s3?: S3Client) {
    this.bucket = bucket;
    this.s3 = s3 && Promise.resolve(s3);
  }

  private client(): Promise<S3Client> {
    this.s3 ??= s3Package().then(({ S3Client }) => new S3Client({}));
    return this.s3;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const [s3, { PutObjectCommand }] = await Promise.all([this.client(), s3Package()]);
    await s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }));
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const [s3, { GetObjectCommand }] = await Promise.all([this.client(), s3Package()]);
    try {
      const out = await s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? await out.Body.transformToByteArray() : undefined;
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const [s3, { DeleteObjectCommand }] = await Promise.all([this.client(), s3Package()]);
    await s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

// s3rver: a real S3-compatible HTTP server (S3's REST API over its own files), run here
// on a free loopback port, so the S3 store is tested against HTTP, signatures and all.
interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

export interface TestS3 {
  // For ATTACHMENTS_S3_URL.
  url: string;
  bucket: string;
  client: S3Client;
  keys(): Promise<string[]>;
  close(): Promise<void>;
}

const ACCESS_KEY = 'S3RVER';
const SECRET = 'S3RVER';

export async function startS3Server(bucket = 'desk-evidence', prefix = 'takedown'): Promise<TestS3> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const S3rver = require('s3rver') as S3rverClass;
  const directory = mkdtempSync(path.join(tmpdir(), 'desk-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    url: `http://${ACCESS_KEY}:${SECRET}@127.0.0.1:${port}/${bucket}/${prefix}`,
    bucket,
    client,
    keys: async () => {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (listed.Contents ?? []).map((object) => object.Key!).sort();
    },
    close: async () => {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

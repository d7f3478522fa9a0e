// ATTACHMENTS_S3_URL, read by the config: where the bucket is and how to sign in.
export interface S3Location {
  // Null: AWS's own endpoint for the region.
  endpoint: string | null;
  bucket: string;
  prefix: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
}

// https://KEY:SECRET@host:port/bucket/optional/prefix?region=eu-west-1 (any S3-compatible
// server, path-style), or s3://bucket/prefix?region=… (AWS, credentials from the usual
// AWS_* variables or the instance role). Returns a message for a bad URL.
export function parseS3Url(raw: string): S3Location | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be a URL like https://KEY:SECRET@host/bucket or s3://bucket';
  }
  const region = url.searchParams.get('region') ?? process.env.AWS_REGION ?? 'us-east-1';
  const credentials = url.username ? { accessKeyId: decodeURIComponent(url.username), secretAccessKey: decodeURIComponent(url.password) } : null;
  if (url.protocol === 's3:') {
    const prefix = url.pathname.replace(/^\/+|\/+$/g, '');
    return url.hostname ? { endpoint: null, bucket: url.hostname, prefix, region, credentials } : 'must name the bucket: s3://bucket';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must start with https://, http:// or s3://';
  const [bucket, ...rest] = url.pathname.replace(/^\/+|\/+$/g, '').split('/');
  if (!bucket) return 'must name the bucket as the first path segment: https://host/bucket';
  return { endpoint: `${url.protocol}//${url.host}`, bucket, prefix: rest.join('/'), region, credentials };
}

// GET /receipts/{orderId}: the customer's receipt, stored as JSON in S3 by the checkout service.
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});
const BUCKET = process.env.RECEIPTS_BUCKET;

export const handler = async (event) => {
  const orderId = event.path.split('/').pop();
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `receipts/${orderId}.json` }));
  const receipt = await object.Body.transformToString();
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: receipt };
};

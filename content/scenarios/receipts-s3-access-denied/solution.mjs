// GET /receipts/{orderId}: the customer's receipt, stored as JSON in S3 by the checkout service.
// The real fix is in role-policy.json (s3:GetObject); the code now also answers 404 for a receipt
// that does not exist instead of failing.
import { S3Client, GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';

const s3 = new S3Client({});
const BUCKET = process.env.RECEIPTS_BUCKET;

export const handler = async (event) => {
  const orderId = event.path.split('/').pop();
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `receipts/${orderId}.json` }));
    const receipt = await object.Body.transformToString();
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: receipt };
  } catch (error) {
    if (error instanceof NoSuchKey || error.name === 'NoSuchKey') {
      return { statusCode: 404, body: JSON.stringify({ message: `No receipt for ${orderId}` }) };
    }
    throw error;
  }
};

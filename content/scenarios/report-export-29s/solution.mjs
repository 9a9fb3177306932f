// POST /exports: accept the export request and build it in the background.
// The API answers 202 with a job id at once; a worker function consumes the queue, builds the export
// and stores it; the client polls GET /exports/{jobId} (or is notified) when it is ready.
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';

const sqs = new SQSClient({});
const QUEUE_URL = process.env.EXPORT_QUEUE_URL;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const handler = async (event) => {
  let period;
  try {
    period = JSON.parse(event.body ?? '');
  } catch {
    return { statusCode: 400, body: JSON.stringify({ message: 'The body must be JSON: { "from": "2025-01-01", "to": "2025-12-31" }.' }) };
  }
  if (!DATE.test(period?.from ?? '') || !DATE.test(period?.to ?? '')) {
    return { statusCode: 400, body: JSON.stringify({ message: '`from` and `to` must be dates like 2025-01-31.' }) };
  }
  const jobId = crypto.randomUUID();
  await sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify({ jobId, from: period.from, to: period.to }) }));
  return {
    statusCode: 202,
    headers: { 'content-type': 'application/json', location: `/exports/${jobId}` },
    body: JSON.stringify({ jobId, status: 'queued' }),
  };
};

// POST /refunds: record a refund, email the customer, and keep an audit trail.
// - Every promise the handler starts is awaited, so its failure is handled here instead of ending the
//   runtime process (Node's unhandledRejection) in the middle of some request.
// - The audit trail must not fail a refund that is already recorded: its failure is logged with the
//   refund id, so it can be replayed, and the customer still gets their answer and their email.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const sns = new SNSClient({});
const sqs = new SQSClient({});

async function recordAudit(refund) {
  if (!refund.reason) throw new Error(`audit: refund ${refund.refundId} has no reason`);
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.AUDIT_QUEUE_URL, MessageBody: JSON.stringify(refund) }));
}

const json = (statusCode, body) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const handler = async (event) => {
  let input;
  try {
    input = JSON.parse(event.body ?? '');
  } catch {
    return json(400, { message: 'The body must be JSON: { "orderId": "ord-1001", "amountCents": 2500 }.' });
  }
  if (typeof input?.orderId !== 'string' || !Number.isInteger(input?.amountCents) || input.amountCents <= 0) {
    return json(400, { message: '`orderId` (text) and `amountCents` (a positive whole number) are required.' });
  }
  const refund = { refundId: `rf_${input.orderId}`, orderId: input.orderId, amountCents: input.amountCents, reason: input.reason ?? null };
  await db.send(new PutCommand({ TableName: process.env.REFUNDS_TABLE, Item: refund }));

  const audit = recordAudit(refund).catch((error) => {
    console.error('audit trail failed; replay this refund', { refundId: refund.refundId, error: error.message });
  });
  await sns.send(new PublishCommand({
    TopicArn: process.env.EMAIL_TOPIC_ARN,
    Subject: `Your refund for order ${refund.orderId}`,
    Message: `We have refunded ${(refund.amountCents / 100).toFixed(2)} EUR.`,
  }));
  await audit;
  return json(201, { refundId: refund.refundId });
};

// POST /refunds: record a refund, email the customer, and keep an audit trail.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const sns = new SNSClient({});
const sqs = new SQSClient({});

// New in this release: every refund goes to the compliance audit queue.
async function recordAudit(refund) {
  if (!refund.reason) throw new Error(`audit: refund ${refund.refundId} has no reason`);
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.AUDIT_QUEUE_URL, MessageBody: JSON.stringify(refund) }));
}

export const handler = async (event) => {
  const input = JSON.parse(event.body);
  const refund = { refundId: `rf_${input.orderId}`, orderId: input.orderId, amountCents: input.amountCents, reason: input.reason ?? null };
  await db.send(new PutCommand({ TableName: process.env.REFUNDS_TABLE, Item: refund }));

  recordAudit(refund); // the caller should not wait for the audit trail

  await sns.send(new PublishCommand({
    TopicArn: process.env.EMAIL_TOPIC_ARN,
    Subject: `Your refund for order ${refund.orderId}`,
    Message: `We have refunded ${(refund.amountCents / 100).toFixed(2)} EUR.`,
  }));
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refundId: refund.refundId }),
  };
};

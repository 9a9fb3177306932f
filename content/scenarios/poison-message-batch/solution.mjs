// SQS consumer: sends the order-confirmation email for each message in the batch.
// - Each message succeeds or fails on its own: failures are reported as batchItemFailures (the event
//   source mapping needs ReportBatchItemFailures), so good messages are not redelivered.
// - Sending is idempotent: a conditional write records each order once, so a redelivered message
//   does not email the customer twice.
// - A message that can never succeed goes to the queue's dead-letter queue after maxReceiveCount.
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

const sns = new SNSClient({});
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TOPIC_ARN = process.env.EMAIL_TOPIC_ARN;
const SENT_TABLE = process.env.SENT_TABLE;

async function firstTime(orderId) {
  try {
    await db.send(new PutCommand({ TableName: SENT_TABLE, Item: { orderId }, ConditionExpression: 'attribute_not_exists(orderId)' }));
    return true;
  } catch (error) {
    if (error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

async function processRecord(record) {
  const order = JSON.parse(record.body);
  if (typeof order?.orderId !== 'string' || typeof order?.customer?.name !== 'string') {
    throw new Error(`message ${record.messageId} is not an order confirmation`);
  }
  if (!(await firstTime(order.orderId))) {
    console.log(`order ${order.orderId} already confirmed; skipping the duplicate`);
    return;
  }
  await sns.send(new PublishCommand({ TopicArn: TOPIC_ARN, Subject: `Order ${order.orderId} confirmed`, Message: `Hello ${order.customer.name}, thank you for your order.` }));
}

export const handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      await processRecord(record);
    } catch (error) {
      console.error(`failed ${record.messageId}: ${error.message}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

// SQS consumer: sends the order-confirmation email for each message in the batch.
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';

const sns = new SNSClient({});
const TOPIC_ARN = process.env.EMAIL_TOPIC_ARN;

export const handler = async (event) => {
  for (const record of event.Records) {
    const order = JSON.parse(record.body);
    const subject = `Order ${order.orderId} confirmed`;
    await sns.send(new PublishCommand({ TopicArn: TOPIC_ARN, Subject: subject, Message: `Hello ${order.customer.name}, thank you for your order.` }));
  }
};

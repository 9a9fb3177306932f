// GET /orders/{id}: order status for the customer's "track my order" page.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.ORDERS_TABLE;

export const handler = async (event) => {
  const orderId = event.pathParameters?.id ?? event.path.split('/').pop();
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: { orderId } }));
  if (!Item) return { statusCode: 404, body: JSON.stringify({ message: `No order ${orderId}` }) };
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orderId, status: Item.status }) };
};

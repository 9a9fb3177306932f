// POST /orders/{id}/pay: charge the customer for an order.
import { charge } from './lib/payments-client.mjs';

export const handler = async (event) => {
  const orderId = event.path.split('/')[2];
  const { amountCents } = JSON.parse(event.body);
  const result = await charge({ orderId, amountCents, idempotencyKey: `pay-${orderId}` });
  return { statusCode: 201, body: JSON.stringify(result) };
};

// POST /orders/{id}/pay: charge the customer for an order.
// Retries transient failures a bounded number of times with exponential backoff and full jitter,
// reusing one idempotency key so a retry can never charge twice; gives up with 503 in time.
import { charge } from './lib/payments-client.mjs';

const MAX_ATTEMPTS = 4;
const BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 1000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function chargeWithRetry(request, context) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await charge(request);
    } catch (error) {
      const delay = Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
      const outOfTime = context.getRemainingTimeInMillis() < delay + 1500;
      if (!error.retryable || attempt >= MAX_ATTEMPTS || outOfTime) throw error;
      console.warn(`payment attempt ${attempt} failed (${error.message}); retrying in ${Math.round(delay)} ms`);
      await sleep(delay);
    }
  }
}

export const handler = async (event, context) => {
  const orderId = event.path.split('/')[2];
  let amountCents;
  try {
    ({ amountCents } = JSON.parse(event.body ?? ''));
  } catch {
    return { statusCode: 400, body: JSON.stringify({ message: 'The body must be JSON: { "amountCents": 1999 }.' }) };
  }
  if (!Number.isInteger(amountCents) || amountCents <= 0) {
    return { statusCode: 400, body: JSON.stringify({ message: '`amountCents` must be a positive whole number.' }) };
  }
  try {
    const result = await chargeWithRetry({ orderId, amountCents, idempotencyKey: `pay-${orderId}` }, context);
    return { statusCode: 201, body: JSON.stringify(result) };
  } catch (error) {
    if (!error.retryable) throw error;
    console.error('payment provider unavailable after retries:', error.message);
    return { statusCode: 503, headers: { 'retry-after': '30' }, body: JSON.stringify({ message: 'Payments are temporarily unavailable. You have not been charged.' }) };
  }
};

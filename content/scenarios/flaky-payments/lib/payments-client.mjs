// Client of the payment provider (read-only in this scenario).
// PAYMENTS_MODE: `flaky` (today: two of every three calls fail with 503) or `down` (every call fails).
let calls = 0;

export class PaymentsUnavailableError extends Error {
  constructor(message) {
    super(message);
    this.name = 'PaymentsUnavailableError';
    this.statusCode = 503;
    this.retryable = true;
  }
}

export async function charge({ orderId, amountCents, idempotencyKey }) {
  await new Promise((resolve) => setTimeout(resolve, 80));
  calls += 1;
  const mode = process.env.PAYMENTS_MODE ?? 'flaky';
  if (mode === 'down' || (mode === 'flaky' && calls % 3 !== 0)) {
    throw new PaymentsUnavailableError('payments.example.com answered 503 Service Unavailable');
  }
  return { chargeId: `ch_${idempotencyKey}`, orderId, amountCents, status: 'captured' };
}

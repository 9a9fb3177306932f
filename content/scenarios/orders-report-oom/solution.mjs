// GET /reports/orders?month=2025-12[&cursor=N]: one page of the month's orders as CSV.
// Memory no longer grows with the month: each request holds one page, and the client follows the
// cursor in the `x-next-cursor` header (or a link) until there is none.
import { queryOrders } from './lib/orders-db.mjs';

const ROWS_PER_RESPONSE = 2000;

export const handler = async (event) => {
  const params = event.queryStringParameters ?? {};
  const month = params.month ?? '2025-12';
  const start = Number.parseInt(params.cursor ?? '0', 10);
  if (!Number.isInteger(start) || start < 0) {
    return { statusCode: 400, body: 'cursor must be a whole number' };
  }
  const lines = ['order_id,customer_id,total_cents,status'];
  let cursor = start;
  while (cursor !== null && lines.length <= ROWS_PER_RESPONSE) {
    const page = await queryOrders(month, { startAfter: cursor, limit: ROWS_PER_RESPONSE - (lines.length - 1) });
    for (const o of page.items) lines.push(`${o.orderId},${o.customerId},${o.totalCents},${o.status}`);
    cursor = page.nextStartAfter;
  }
  const headers = { 'content-type': 'text/csv' };
  if (cursor !== null) headers['x-next-cursor'] = String(cursor);
  return { statusCode: 200, headers, body: lines.join('\n') };
};

// GET /reports/orders?month=2025-12: the month's orders as CSV for the finance team.
import { queryOrders } from './lib/orders-db.mjs';

export const handler = async (event) => {
  const month = event.queryStringParameters?.month ?? '2025-12';
  const all = [];
  let cursor = 0;
  while (cursor !== null) {
    const page = await queryOrders(month, { startAfter: cursor });
    all.push(...page.items);
    cursor = page.nextStartAfter;
  }
  const csv = ['order_id,customer_id,total_cents,status', ...all.map((o) => `${o.orderId},${o.customerId},${o.totalCents},${o.status}`)].join('\n');
  return { statusCode: 200, headers: { 'content-type': 'text/csv' }, body: csv };
};

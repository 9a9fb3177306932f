// Order history store (read-only in this scenario). Pages of 500 orders, like a DynamoDB Query.
const TOTAL_ORDERS = 60_000;
const PAGE_SIZE = 500;

export async function queryOrders(month, { startAfter = 0, limit = PAGE_SIZE } = {}) {
  await new Promise((r) => setTimeout(r, 5));
  const items = [];
  const end = Math.min(startAfter + Math.min(limit, PAGE_SIZE), TOTAL_ORDERS);
  for (let i = startAfter; i < end; i++) {
    items.push({ orderId: `ord-${month}-${String(i).padStart(6, '0')}`, customerId: `c-${i % 977}`, totalCents: 1000 + (i % 9000), status: i % 50 === 0 ? 'REFUNDED' : 'PAID' });
  }
  return { items, nextStartAfter: end < TOTAL_ORDERS ? end : null };
}

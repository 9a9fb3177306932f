// Order history store (read-only in this scenario). Pages of 500 orders, like a DynamoDB Query.
const TOTAL_ORDERS = 60_000;
const PAGE_SIZE = 500;

export async function queryOrders(month, { startAfter = 0, limit = PAGE_SIZE } = {}) {
  await new Promise((r) => setTimeout(r, 5));
  const items = [];
  const end = Math.min(startAfter + Math.min(limit, PAGE_SIZE), TOTAL_ORDERS);
  for (let i = startAfter; i < end; i++) {
    items.push({
      orderId: `ord-${month}-${String(i).padStart(6, '0')}`,
      customerId: `c-${i % 977}`,
      totalCents: 1000 + (i % 9000),
      status: i % 50 === 0 ? 'REFUNDED' : 'PAID',
      // The rendered invoice each order carries (≈ 2 KB), as order stores often keep it beside the order.
      invoiceHtml: `<article><h1>Invoice ord-${i}</h1><p>Customer ${i % 977}, ${1 + (i % 300)} Harbour Street, Leeds LS1 4AP</p>${'<p>Catalogue item, quantity 1, 12.50 GBP</p>'.repeat(40)}</article>`,
    });
  }
  // Items arrive as the client unmarshals them from the wire: parsed from JSON text, like a DynamoDB Query page.
  return JSON.parse(JSON.stringify({ items, nextStartAfter: end < TOTAL_ORDERS ? end : null }));
}

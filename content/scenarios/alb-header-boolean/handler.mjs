// Health and stock endpoint behind the internal load balancer: GET /stock?sku=...
const STOCK = { 'cup-01': 40, 'pot-02': 7 };
const cache = new Map();

export const handler = async (event) => {
  const sku = event.queryStringParameters?.sku ?? '';
  const cacheHit = cache.has(sku);
  const count = cacheHit ? cache.get(sku) : (STOCK[sku] ?? 0);
  cache.set(sku, count);
  const body = JSON.stringify({ sku, count });
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/json',
      'x-cache-hit': cacheHit,
      'x-stock-count': count,
    },
    body,
  };
};

// GET /quote?sku=...: the price shown on the product page, from the partner pricing service.
import { getQuote } from './lib/pricing-client.mjs';

export const handler = async (event) => {
  const sku = event.queryStringParameters?.sku ?? 'cup-01';
  const quote = await getQuote(sku);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sku, price: quote.priceCents, currency: quote.currency }),
  };
};

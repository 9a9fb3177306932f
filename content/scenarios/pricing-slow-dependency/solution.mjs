// GET /quote?sku=...: the price shown on the product page, from the partner pricing service.
import { getQuote } from './lib/pricing-client.mjs';

// Give the dependency a budget well inside the function's 3 s timeout, and leave time to answer.
const PRICING_BUDGET_MS = 1000;

export const handler = async (event, context) => {
  const sku = event.queryStringParameters?.sku ?? 'cup-01';
  const budget = Math.min(PRICING_BUDGET_MS, context.getRemainingTimeInMillis() - 500);
  try {
    const quote = await getQuote(sku, { signal: AbortSignal.timeout(budget) });
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sku, price: quote.priceCents, currency: quote.currency }),
    };
  } catch (error) {
    console.warn(`pricing did not answer within ${budget} ms: ${error.name}`);
    // A degraded answer the page can render ("price on request") instead of a 502.
    return {
      statusCode: 503,
      headers: { 'content-type': 'application/json', 'retry-after': '5' },
      body: JSON.stringify({ sku, price: null, message: 'Pricing is temporarily unavailable.' }),
    };
  }
};

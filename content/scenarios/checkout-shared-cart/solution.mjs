import { priceCart } from './lib/pricing.mjs';

// Nothing about a request lives in module scope: on Lambda Managed Instances one environment handles
// several requests at once, and module scope is shared by all of them.
function lineCount(cart) {
  return cart.items.length;
}

export const handler = async (event) => {
  const cart = JSON.parse(event.body ?? '{}');
  const totalCents = await priceCart(cart.items);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customerId: cart.customerId, lines: lineCount(cart), totalCents }),
  };
};

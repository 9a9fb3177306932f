import { priceCart } from './lib/pricing.mjs';

// The cart of the request being handled, read by the helpers below.
let cart = null;

function lineCount() {
  return cart.items.length;
}

export const handler = async (event) => {
  cart = JSON.parse(event.body ?? '{}');
  try {
    const totalCents = await priceCart(cart.items);
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: cart.customerId, lines: lineCount(), totalCents }),
    };
  } finally {
    // Free the cart before the next request.
    cart = null;
  }
};

// GET /catalogue: the full product catalogue for the partner feed.
import { listProducts } from './lib/catalogue.mjs';

export const handler = async () => {
  const products = listProducts();
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count: products.length, products }),
  };
};

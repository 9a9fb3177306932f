// GET /catalogue?cursor=N&limit=M: the product catalogue, one bounded page at a time.
// A synchronous Lambda response is limited to 6 MB, so the feed pages through the catalogue and the
// partner follows `next` until it is null. (For one big file: write it to S3, answer with a link.)
import { countProducts, listProducts } from './lib/catalogue.mjs';

const MAX_LIMIT = 500;

export const handler = async (event) => {
  const q = event.queryStringParameters ?? {};
  const cursor = Number.parseInt(q.cursor ?? '0', 10);
  const limit = Math.min(Number.parseInt(q.limit ?? String(MAX_LIMIT), 10), MAX_LIMIT);
  if (!Number.isInteger(cursor) || cursor < 0 || !Number.isInteger(limit) || limit < 1) {
    return { statusCode: 400, body: JSON.stringify({ message: 'cursor and limit must be positive whole numbers.' }) };
  }
  const products = listProducts(cursor, limit);
  const nextCursor = cursor + products.length;
  const next = nextCursor < countProducts() ? `/catalogue?cursor=${nextCursor}&limit=${limit}` : null;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count: products.length, products, next }),
  };
};

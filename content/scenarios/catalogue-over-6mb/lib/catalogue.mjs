// Product catalogue (read-only in this scenario): 9,000 products with long descriptions.
const COUNT = 9000;
export function countProducts() {
  return COUNT;
}
export function listProducts(offset = 0, limit = COUNT) {
  const out = [];
  for (let i = offset; i < Math.min(offset + limit, COUNT); i++) {
    out.push({
      sku: `SKU-${String(i).padStart(5, '0')}`,
      name: `Product ${i}`,
      priceCents: 500 + (i % 400) * 25,
      description: `Product ${i}. `.padEnd(700, 'Durable, dishwasher safe, made in small batches. '),
    });
  }
  return out;
}

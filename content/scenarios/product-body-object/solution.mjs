// GET /products/{id}: one product from the catalogue.
const CATALOGUE = {
  'cup-01': { id: 'cup-01', name: 'Espresso cup', priceCents: 1250, stock: 40 },
  'pot-02': { id: 'pot-02', name: 'Tea pot', priceCents: 3900, stock: 7 },
};

// A Lambda proxy response carries the body as a string: serialise it once, here.
const json = (statusCode, value, headers = {}) => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(value),
});

export const handler = async (event) => {
  const id = event.path.split('/').pop();
  const product = CATALOGUE[id];
  if (!product) return json(404, { message: `No product ${id}` });
  return json(200, product, { 'cache-control': 'max-age=60' });
};

// GET /products/{id}: one product from the catalogue.
const CATALOGUE = {
  'cup-01': { id: 'cup-01', name: 'Espresso cup', priceCents: 1250, stock: 40 },
  'pot-02': { id: 'pot-02', name: 'Tea pot', priceCents: 3900, stock: 7 },
};

export const handler = async (event) => {
  const id = event.path.split('/').pop();
  const product = CATALOGUE[id];
  if (!product) {
    return { statusCode: 404, body: JSON.stringify({ message: `No product ${id}` }) };
  }
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'max-age=60' },
    body: product,
  };
};

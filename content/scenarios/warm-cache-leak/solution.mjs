// GET /products/{id}/page: server-rendered product page, with a bounded cache.
// The key is what makes two products the same (the product id), and the cache has a size limit, so
// a warm environment keeps a steady memory footprint however long it lives.
const MAX_ENTRIES = 5;
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

function cachedProduct(id) {
  let product = loaded.get(id);
  if (product) {
    loaded.delete(id); // re-insert: a Map keeps insertion order, so this marks it recently used
  } else {
    product = loadProduct(id);
  }
  loaded.set(id, product);
  if (loaded.size > MAX_ENTRIES) loaded.delete(loaded.keys().next().value);
  return product;
}

export const handler = async (event) => {
  const id = event.path.split('/')[2];
  return { statusCode: 200, headers: { 'content-type': 'text/html' }, body: renderPage(cachedProduct(id)) };
};

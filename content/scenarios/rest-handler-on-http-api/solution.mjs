// Orders router: GET /orders/{id} and DELETE /orders/{id}.
// Reads the method and path from either event format: REST / payload 1.0 (`httpMethod`, `path`)
// and payload 2.0 (`requestContext.http.method`, `rawPath`), so the route can move between APIs.
const ORDERS = { 'ord-1': { id: 'ord-1', status: 'SHIPPED' } };

const routes = {
  GET: (id) => (ORDERS[id] ? { statusCode: 200, body: JSON.stringify(ORDERS[id]) } : { statusCode: 404, body: '{"message":"Not found"}' }),
  DELETE: (id) => ({ statusCode: 204, body: '' }),
};

function requestLine(event) {
  if (event.version === '2.0') return { method: event.requestContext.http.method, path: event.rawPath };
  return { method: event.httpMethod, path: event.path };
}

export const handler = async (event) => {
  const { method, path } = requestLine(event);
  const id = path.split('/')[2];
  const route = routes[method];
  if (!route) return { statusCode: 405, headers: { allow: 'GET, DELETE' }, body: '' };
  return route(id);
};

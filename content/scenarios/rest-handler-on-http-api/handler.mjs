// Orders router: GET /orders/{id} and DELETE /orders/{id}. Written for the REST API's events.
const ORDERS = { 'ord-1': { id: 'ord-1', status: 'SHIPPED' } };

const routes = {
  GET: (id) => (ORDERS[id] ? { statusCode: 200, body: JSON.stringify(ORDERS[id]) } : { statusCode: 404, body: '{"message":"Not found"}' }),
  DELETE: (id) => ({ statusCode: 204, body: '' }),
};

export const handler = async (event) => {
  const id = event.path.split('/')[2];
  return routes[event.httpMethod](id);
};

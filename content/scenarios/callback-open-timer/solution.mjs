// POST /signup: register a newsletter subscriber.
// An async handler answers as soon as its promise resolves; the metrics timer no longer holds the
// response back. (With a callback handler, `context.callbackWaitsForEmptyEventLoop = false` does the same.)
import { record } from './lib/metrics.mjs';

export const handler = async (event) => {
  let email;
  try {
    ({ email } = JSON.parse(event.body ?? '{}'));
  } catch {
    return { statusCode: 400, body: JSON.stringify({ message: 'The body must be JSON.' }) };
  }
  if (typeof email !== 'string' || !email.includes('@')) {
    return { statusCode: 400, body: JSON.stringify({ message: 'A valid email is required.' }) };
  }
  record('signup', 1);
  return { statusCode: 201, body: JSON.stringify({ subscribed: email }) };
};

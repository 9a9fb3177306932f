// POST /signup: register a newsletter subscriber. Written in the callback style.
import { record } from './lib/metrics.mjs';

export const handler = (event, context, callback) => {
  const { email } = JSON.parse(event.body ?? '{}');
  if (!email || !email.includes('@')) {
    callback(null, { statusCode: 400, body: JSON.stringify({ message: 'A valid email is required.' }) });
    return;
  }
  record('signup', 1);
  callback(null, { statusCode: 201, body: JSON.stringify({ subscribed: email }) });
};

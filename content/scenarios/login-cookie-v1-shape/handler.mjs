// POST /login: check the password and start a session. Moved from a REST API to an HTTP API
// (payload format 2.0) last week; the response code was copied over unchanged.
const USERS = { 'ada@example.com': 'correct horse battery staple' };

export const handler = async (event) => {
  const { email, password } = JSON.parse(event.body ?? '{}');
  if (USERS[email] !== password) {
    return { statusCode: 401, body: JSON.stringify({ message: 'Wrong email or password.' }) };
  }
  const session = `s_${crypto.randomUUID()}`;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    multiValueHeaders: {
      'Set-Cookie': [
        `session=${session}; Path=/; HttpOnly; Secure; SameSite=Lax`,
        'theme=light; Path=/',
      ],
    },
    body: JSON.stringify({ ok: true }),
  };
};

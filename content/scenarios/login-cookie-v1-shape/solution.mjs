// POST /login: check the password and start a session.
// Payload format 2.0 has no multiValueHeaders: cookies go in the `cookies` list, and the HTTP API
// sends one Set-Cookie header per entry.
const USERS = { 'ada@example.com': 'correct horse battery staple' };

export const handler = async (event) => {
  let credentials;
  try {
    credentials = JSON.parse(event.body ?? '{}');
  } catch {
    return { statusCode: 400, body: JSON.stringify({ message: 'The body must be JSON.' }) };
  }
  const { email, password } = credentials ?? {};
  if (USERS[email] !== password) {
    return { statusCode: 401, body: JSON.stringify({ message: 'Wrong email or password.' }) };
  }
  const session = `s_${crypto.randomUUID()}`;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    cookies: [`session=${session}; Path=/; HttpOnly; Secure; SameSite=Lax`, 'theme=light; Path=/'],
    body: JSON.stringify({ ok: true }),
  };
};

// POST /tickets: open a support ticket.
// Node.js has randomUUID built in (global `crypto`), so the function needs no package at all.
// (The other fix is to ship `uuid` in the deployment package's node_modules or a layer.)
export const handler = async (event) => {
  let subject;
  try {
    ({ subject } = JSON.parse(event.body ?? '{}'));
  } catch {
    return { statusCode: 400, body: JSON.stringify({ message: 'The body must be JSON.' }) };
  }
  const ticketId = crypto.randomUUID();
  console.log('ticket opened', ticketId, subject);
  return { statusCode: 201, body: JSON.stringify({ ticketId }) };
};

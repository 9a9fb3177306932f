// POST /tickets: open a support ticket. Deployed from a zip built without node_modules.
import { v4 as uuidv4 } from 'uuid';

export const handler = async (event) => {
  const { subject } = JSON.parse(event.body ?? '{}');
  const ticketId = uuidv4();
  console.log('ticket opened', ticketId, subject);
  return { statusCode: 201, body: JSON.stringify({ ticketId }) };
};

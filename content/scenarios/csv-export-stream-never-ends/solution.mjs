// Streams one day's orders as CSV. The reporting service calls it with the SDK's
// InvokeWithResponseStream and writes the chunks to a file as they arrive (no 6 MB limit).
import { ordersSince } from './lib/orders.mjs';

export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const day = event.day ?? '2026-12-05';
  responseStream.setContentType('text/csv');
  try {
    responseStream.write('id,day,customer,total\n');
    for await (const order of ordersSince(day)) {
      responseStream.write(`${order.id},${order.day},${order.customer},${order.total}\n`);
    }
  } finally {
    // A streamed response is finished only when the stream ends: returning is not enough.
    responseStream.end();
  }
});

// Module scope waits for a "connection" that takes 11 s.
await new Promise((resolve) => setTimeout(resolve, 11_000));
export const handler = async () => ({ ok: true });

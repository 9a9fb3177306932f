// Client of the partner pricing service (read-only in this scenario).
// The simulated service answers after PRICING_LATENCY_MS milliseconds (default 4,500 today).
export async function getQuote(sku, { signal } = {}) {
  const latency = Number(process.env.PRICING_LATENCY_MS ?? 4500);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ sku, priceCents: 1250, currency: 'EUR' }), latency);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason ?? new Error('aborted'));
    });
  });
}

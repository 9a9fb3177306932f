// POST /exports: build a sales export for the requested period and return it when it is ready.
export const handler = async (event) => {
  const { from, to } = JSON.parse(event.body ?? '{}');
  console.log('building export', { from, to });
  // The reporting service aggregates the period; large periods take a while.
  const response = await fetch('https://reports.internal.example/build', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to }),
  });
  const result = await response.json();
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
};

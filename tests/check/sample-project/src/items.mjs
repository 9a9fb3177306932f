export const handler = async (event) => {
  const item = JSON.parse(event.body);
  return { statusCode: 201, body: JSON.stringify({ created: item.name ?? null }) };
};

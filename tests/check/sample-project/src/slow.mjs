export const handler = async () => {
  await new Promise((resolve) => setTimeout(resolve, 2700));
  return { statusCode: 200, body: 'done' };
};

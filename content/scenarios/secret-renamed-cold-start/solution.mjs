// POST /charges: create a card charge. The payment provider's API key is loaded on first use and cached.
// The secret's name comes from configuration (STRIPE_SECRET_ID), so a rename is a config change, and a
// failure to load it is an answer (503) instead of a crash during init that repeats on every cold start.
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const secrets = new SecretsManagerClient({});
let apiKeyPromise = null;

function loadApiKey() {
  apiKeyPromise ??= secrets
    .send(new GetSecretValueCommand({ SecretId: process.env.STRIPE_SECRET_ID }))
    .then(({ SecretString }) => JSON.parse(SecretString).apiKey)
    .catch((error) => {
      apiKeyPromise = null; // try again on the next request
      throw error;
    });
  return apiKeyPromise;
}

export const handler = async (event) => {
  let amountCents;
  try {
    ({ amountCents } = JSON.parse(event.body ?? ''));
  } catch {
    return { statusCode: 400, body: JSON.stringify({ message: 'The body must be JSON: { "amountCents": 1999 }.' }) };
  }
  let apiKey;
  try {
    apiKey = await loadApiKey();
  } catch (error) {
    console.error(`could not load the payment key ${process.env.STRIPE_SECRET_ID}: ${error.name}: ${error.message}`);
    return { statusCode: 503, headers: { 'retry-after': '10' }, body: JSON.stringify({ message: 'Payments are temporarily unavailable.' }) };
  }
  return { statusCode: 201, body: JSON.stringify({ amountCents, keyLast4: apiKey.slice(-4) }) };
};

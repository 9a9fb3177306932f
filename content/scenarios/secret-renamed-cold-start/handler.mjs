// POST /charges: create a card charge. The payment provider's API key is loaded once per cold start.
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const secrets = new SecretsManagerClient({});
const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: 'prod/checkout/stripe' }));
const apiKey = JSON.parse(SecretString).apiKey;

export const handler = async (event) => {
  const { amountCents } = JSON.parse(event.body ?? '{}');
  // (The call to the provider is left out of this exercise.)
  return { statusCode: 201, body: JSON.stringify({ amountCents, keyLast4: apiKey.slice(-4) }) };
};

// POST /tickets/{id}/summary: a two-line summary and a priority for the support queue, written by a model on
// Amazon Bedrock (Claude 3 Haiku, through the InvokeModel API).
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';

const bedrock = new BedrockRuntimeClient({});
const MODEL_ID = process.env.MODEL_ID;
const INSTRUCTIONS =
  'Summarise the support ticket in two lines and rate its priority. Answer with JSON only: {"summary": "...", "priority": "low" | "normal" | "high"}.';

export const handler = async (event) => {
  const ticket = JSON.parse(event.body ?? '{}');
  // Cleaned up yesterday: "only the settings the model needs".
  const request = {
    anthropic_version: 'bedrock-2023-05-31',
    system: INSTRUCTIONS,
    messages: [{ role: 'user', content: `${ticket.subject}\n\n${ticket.text}` }],
  };
  const response = await bedrock.send(
    new InvokeModelCommand({ modelId: MODEL_ID, contentType: 'application/json', body: JSON.stringify(request) }),
  );
  const reply = JSON.parse(new TextDecoder().decode(response.body));
  const summary = JSON.parse(reply.content[0].text);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(summary) };
};

// POST /tickets/{id}/summary: a two-line summary and a priority for the support queue, written by a model on
// Amazon Bedrock (Claude 3 Haiku, through the InvokeModel API).
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';

const bedrock = new BedrockRuntimeClient({});
const MODEL_ID = process.env.MODEL_ID;
const INSTRUCTIONS =
  'Summarise the support ticket in two lines and rate its priority. Answer with JSON only: {"summary": "...", "priority": "low" | "normal" | "high"}.';

export const handler = async (event) => {
  const ticket = JSON.parse(event.body ?? '{}');
  // The Messages API requires anthropic_version, max_tokens and messages.
  const request = {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 400,
    system: INSTRUCTIONS,
    messages: [{ role: 'user', content: `${ticket.subject}\n\n${ticket.text}` }],
  };
  let summary;
  try {
    const response = await bedrock.send(
      new InvokeModelCommand({ modelId: MODEL_ID, contentType: 'application/json', body: JSON.stringify(request) }),
    );
    const reply = JSON.parse(new TextDecoder().decode(response.body));
    summary = JSON.parse(reply.content[0].text);
  } catch (err) {
    // The model refused, was throttled or answered something that is not JSON: say so instead of a bare 502.
    console.error('summary failed', { name: err.name, message: err.message });
    return { statusCode: 503, headers: { 'content-type': 'application/json', 'retry-after': '30' }, body: JSON.stringify({ message: 'Summary unavailable, try again shortly' }) };
  }
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(summary) };
};

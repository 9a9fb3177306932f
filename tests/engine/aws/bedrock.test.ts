/**
 * Bedrock Runtime in the simulated world (src/engine/aws/bedrock.ts) through the simulated
 * @aws-sdk/client-bedrock-runtime: response shapes, the errors a Lambda function meets, IAM, and model latency.
 */
import { describe, expect, it } from 'vitest';
import { parseAwsState } from '../../../src/engine/aws/state.ts';
import { runOnce, stepsHandler } from './world-helpers.ts';

type Step = { ok?: Record<string, any>; err?: Record<string, any>; status?: number };

const IMPORTS = `import { BedrockRuntimeClient, ConverseCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime'; const br = new BedrockRuntimeClient({});`;
const CLAUDE = 'anthropic.claude-3-haiku-20240307-v1:0';
const claudeBody = (extra: Record<string, unknown> = {}) => JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 200, messages: [{ role: 'user', content: 'Summarise this order' }], ...extra });

describe('Bedrock Runtime (simulated)', () => {
  it("Converse answers one assistant message with the model's reply, usage and metrics; the call takes the model's time", async () => {
    const code = stepsHandler(IMPORTS, `
      await step(br.send(new ConverseCommand({ modelId: '${CLAUDE}', messages: [{ role: 'user', content: [{ text: 'Classify: great product' }] }] })));
      await step(br.send(new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', messages: [{ role: 'user', content: [{ text: 'hi' }] }] })));`);
    const state = { bedrock: { models: { [CLAUDE]: { reply: '{"label":"positive"}', latencyMs: 2400 } } } };
    const { record, world } = await runOnce(code, { state }, { timeoutSeconds: 10 });
    const out = record.result as Step[];
    expect(out[0]?.ok).toEqual({
      output: { message: { role: 'assistant', content: [{ text: '{"label":"positive"}' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number), totalTokens: expect.any(Number) },
      metrics: { latencyMs: 2400 },
    });
    // A model the state does not name still answers, with a reply that says how to set it.
    expect(out[1]?.ok?.['output'].message.content[0].text).toContain('state.bedrock.models["amazon.nova-lite-v1:0"].reply');
    expect(world.calls().map((c) => [c.operation, c.durationMs])).toEqual([
      ['Converse', 2400],
      ['Converse', 1800],
    ]);
  });

  it('InvokeModel answers the model family\'s own body as bytes; a body missing required keys is the ValidationException Bedrock sends', async () => {
    const code = stepsHandler(IMPORTS, `
      const r = await step(br.send(new InvokeModelCommand({ modelId: '${CLAUDE}', contentType: 'application/json', body: ${JSON.stringify(claudeBody())} })));
      out.push({ ok: { decoded: JSON.parse(new TextDecoder().decode(r.body)), asString: typeof r.body.transformToString } });
      await step(br.send(new InvokeModelCommand({ modelId: '${CLAUDE}', body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }] }) })));
      await step(br.send(new InvokeModelCommand({ modelId: '${CLAUDE}', body: 'not json' })));
      const t = await step(br.send(new InvokeModelCommand({ modelId: 'amazon.titan-embed-text-v2:0', body: new TextEncoder().encode(JSON.stringify({ inputText: 'hello' })) })));
      out.push({ ok: { dims: JSON.parse(t.body.transformToString()).embedding.length } });
      await step(br.send(new InvokeModelCommand({ modelId: 'mistral.mistral-7b-instruct-v0:2', body: JSON.stringify({ prompt: 'x' }) })));`);
    const { record } = await runOnce(code, {}, { timeoutSeconds: 20 });
    const out = record.result as Step[];
    expect(out[0]?.ok).toMatchObject({ contentType: 'application/json' });
    expect(out[1]?.ok).toEqual({
      decoded: {
        id: expect.stringMatching(/^msg_bdrk_/),
        type: 'message',
        role: 'assistant',
        model: 'claude-3-haiku-20240307',
        content: [{ type: 'text', text: expect.stringContaining('simulated reply') }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
      },
      asString: 'function',
    });
    expect(out[2]?.err).toMatchObject({
      name: 'ValidationException',
      status: 400,
      message: 'Malformed input request: #: required key [anthropic_version] not found#: required key [max_tokens] not found, please reformat your input and try again.',
    });
    expect(out[3]?.err).toMatchObject({ name: 'ValidationException', message: 'Malformed input request, please reformat your input and try again.' });
    expect(out[5]?.ok).toEqual({ dims: 1024 });
    expect(out[6]?.err?.['name']).toBe('SimulatorUnsupportedOperation');
  });

  it('model access, an unknown model id and IAM: the three AccessDenied / Validation answers a Lambda function meets', async () => {
    const code = stepsHandler(IMPORTS, `
      await step(br.send(new ConverseCommand({ modelId: 'amazon.nova-pro-v1:0', messages: [] })));
      await step(br.send(new ConverseCommand({ modelId: 'claude-3-haiku', messages: [] })));
      await step(br.send(new ConverseCommand({ modelId: 'us.${CLAUDE}', messages: [] })));`);
    const state = { bedrock: { models: { 'amazon.nova-pro-v1:0': { access: false } } } };
    // The role may invoke foundation models, not inference profiles.
    const policy = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:*::foundation-model/*' } };
    const { record, world } = await runOnce(code, { state, policy }, { timeoutSeconds: 10 });
    const out = record.result as Step[];
    expect(out[0]?.err).toMatchObject({ name: 'AccessDeniedException', status: 403, message: "You don't have access to the model with the specified model ID." });
    expect(out[1]?.err).toMatchObject({ name: 'ValidationException', status: 400, message: 'The provided model identifier is invalid.' });
    expect(out[2]?.err).toMatchObject({
      name: 'AccessDeniedException',
      status: 403,
      message: `User: arn:aws:sts::111122223333:assumed-role/orders-role/orders-fn is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.${CLAUDE} because no identity-based policy allows the bedrock:InvokeModel action`,
    });
    expect(world.calls()[0]?.iam).toMatchObject({ action: 'bedrock:InvokeModel', resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0' });
  });

  it('two model calls in a handler with the default 3-second timeout: the function times out with the call in flight', async () => {
    const code = `${IMPORTS}
export const handler = async () => {
  for (const q of ['a', 'b']) await br.send(new ConverseCommand({ modelId: '${CLAUDE}', messages: [{ role: 'user', content: [{ text: q }] }] }));
  return 'done';
};`;
    const { record } = await runOnce(code);
    expect(record.outcome).toBe('timeout');
    expect(record.pending).toEqual(expect.arrayContaining(['Bedrock Runtime Converse call in flight']));
  });

  it('state.bedrock.models is checked: a reply must be text, unknown elements are named', () => {
    expect(parseAwsState({ bedrock: { models: { m: { reply: { label: 1 } } } } })).toEqual({
      ok: false,
      error: expect.stringContaining('bedrock.models.m.reply: must be the reply\'s text'),
    });
    expect(parseAwsState({ bedrock: { models: { m: { answer: 'x' } } } })).toEqual({ ok: false, error: expect.stringContaining('unknown element "answer"') });
  });
});

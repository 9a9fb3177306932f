/**
 * Bedrock Runtime in the simulated world: Converse and InvokeModel. The simulator runs no model. A model answers the
 * text `state.bedrock.models[id].reply` sets, or an illustrative sentence that names the model and how to set it; what
 * is faithful is everything around the text: the response shapes, the errors a Lambda function meets (model access,
 * an unknown model id, a body the model's schema refuses, IAM, throttling) and that a model takes seconds to answer.
 *
 * Sources: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html and
 * API_runtime_InvokeModel.html (shapes, errors and their HTTP statuses); the body of each model family from
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html (Anthropic Claude Messages API, Amazon
 * Nova, Titan Text, Titan Embeddings, Meta Llama). Error texts: src/engine/aws/errors.ts.
 */
import { bedrockInvalidModel, bedrockMalformedInput, bedrockNoModelAccess, simulatorUnsupported, type WireError } from './errors.ts';
import { base64ToUtf8, utf8ToBase64, type AwsState } from './state.ts';

type In = Record<string, unknown>;
type Result = { ok: true; output: Record<string, unknown>; latencyMs: number } | { ok: false; error: WireError };

/** How long a model takes to answer when the state does not say, ms. ILLUSTRATIVE: seconds, not the milliseconds of other calls. */
export const DEFAULT_MODEL_LATENCY_MS = 1800;

/** Geographic prefixes of cross-region inference profile ids (`us.anthropic.claude-…`). */
const PROFILE_PREFIX = /^(us|eu|apac|jp|au|ca|us-gov|global)\./;
/** `provider.model…` (amazon.nova-pro-v1:0, anthropic.claude-3-haiku-20240307-v1:0, meta.llama3-8b-instruct-v1:0). */
const MODEL_ID = /^[a-z0-9-]+\.[A-Za-z0-9._:-]+$/;

/** Where the world looks a model up, and the IAM resource of a call. */
export interface ModelRef {
  /** The id as given. */
  id: string;
  /** The foundation model id (an inference profile's prefix removed; from an ARN, its last part). */
  base: string;
  /** The provider (`anthropic`, `amazon`, `meta`, …), or '' when the id has no known shape. */
  provider: string;
  /** The ARN IAM evaluates: foundation-model or inference-profile. */
  arn: string;
}

/** Read a modelId (id, inference profile id or ARN). */
export function modelRef(modelId: unknown, region: string, accountId: string): ModelRef {
  const id = typeof modelId === 'string' ? modelId : '';
  const arn = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]*:\d*:(foundation-model|inference-profile)\/(.+)$/.exec(id);
  if (arn) {
    const base = (arn[2] as string).replace(PROFILE_PREFIX, '');
    return { id, base, provider: providerOf(base), arn: id };
  }
  if (PROFILE_PREFIX.test(id)) {
    const base = id.replace(PROFILE_PREFIX, '');
    // https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html: an inference profile is its own resource.
    return { id, base, provider: providerOf(base), arn: `arn:aws:bedrock:${region}:${accountId}:inference-profile/${id}` };
  }
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html: foundation-model ARNs have no account.
  return { id, base: id, provider: providerOf(id), arn: `arn:aws:bedrock:${region}::foundation-model/${id}` };
}

function providerOf(id: string): string {
  return MODEL_ID.test(id) ? (id.split('.')[0] as string) : '';
}

/** Rough token count (≈ 4 characters a token). ILLUSTRATIVE: usage figures are never the model's own. */
function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function replyFor(ref: ModelRef, state: AwsState): { text: string; latencyMs: number } | WireError {
  const m = state.models.get(ref.id) ?? state.models.get(ref.base);
  if (m?.access === false) return bedrockNoModelAccess();
  const text =
    m?.reply ??
    `This is a simulated reply from ${ref.base}: the Lambda Triage simulator runs no model. Set state.bedrock.models["${ref.id}"].reply to the text your code expects.`;
  return { text, latencyMs: m?.latencyMs ?? DEFAULT_MODEL_LATENCY_MS };
}

/** Text of the messages of a Converse or Messages API request (for the illustrative input token count). */
function promptText(messages: unknown, system: unknown): string {
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k === 'text' || k === 'content' || k === 'messages') walk(x);
  };
  walk(system);
  walk(messages);
  return parts.join('\n');
}

/** Converse: one assistant message with the reply, whatever the model (the point of the Converse API). */
export function converse(input: In, state: AwsState, region: string, accountId: string): Result {
  const ref = modelRef(input['modelId'], region, accountId);
  if (ref.provider === '') return { ok: false, error: bedrockInvalidModel() };
  const r = replyFor(ref, state);
  if ('name' in r) return { ok: false, error: r };
  const inputTokens = tokens(promptText(input['messages'], input['system']));
  const outputTokens = tokens(r.text);
  return {
    ok: true,
    latencyMs: r.latencyMs,
    output: {
      output: { message: { role: 'assistant', content: [{ text: r.text }] } },
      stopReason: 'end_turn',
      usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
      metrics: { latencyMs: Math.round(r.latencyMs) },
    },
  };
}

/** The request body as text: a string, or bytes (`{ $bytes }` from the SDKs' wire form). */
function bodyText(body: unknown): string | null {
  if (typeof body === 'string') return body;
  if (body && typeof body === 'object' && typeof (body as In)['$bytes'] === 'string') {
    try {
      return base64ToUtf8((body as In)['$bytes'] as string);
    } catch {
      return null;
    }
  }
  return null;
}

function missing(body: In, keys: readonly string[]): string[] {
  return keys.filter((k) => body[k] === undefined).map((k) => `#: required key [${k}] not found`);
}

/** A deterministic unit-ish vector for embeddings (the values mean nothing; their count and type are Titan's). */
function embedding(text: string, dimensions: number): number[] {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  const out: number[] = [];
  for (let i = 0; i < dimensions; i++) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    out.push(Math.round(((h / 4294967296) * 2 - 1) * 1e6) / 1e7);
  }
  return out;
}

/**
 * InvokeModel: the body is the model family's own request; the answer is the family's own response body, as bytes
 * (`body`) with `contentType`. A body that is not JSON, or that misses a key the family requires, is a
 * ValidationException before the model runs. Families not modelled here answer SimulatorUnsupportedOperation.
 */
export function invokeModel(input: In, state: AwsState, region: string, accountId: string): Result {
  const ref = modelRef(input['modelId'], region, accountId);
  if (ref.provider === '') return { ok: false, error: bedrockInvalidModel() };
  const text = bodyText(input['body']);
  let body: unknown;
  try {
    body = JSON.parse(text ?? '');
  } catch {
    return { ok: false, error: bedrockMalformedInput([]) };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, error: bedrockMalformedInput(['#: expected type: JSONObject, found: ' + (Array.isArray(body) ? 'JSONArray' : typeof body)]) };
  const b = body as In;
  const family = familyOf(ref.base);
  if (family === null) return { ok: false, error: simulatorUnsupported('Bedrock Runtime', `InvokeModel for ${ref.provider} models (Converse is simulated for every model)`) };
  const violations = missing(b, REQUIRED_KEYS[family]);
  if (violations.length) return { ok: false, error: bedrockMalformedInput(violations) };
  const r = replyFor(ref, state);
  if ('name' in r) return { ok: false, error: r };
  const inTokens = tokens(family === 'titan-embed' ? String(b['inputText'] ?? '') : family === 'titan-text' || family === 'llama' ? String(b['inputText'] ?? b['prompt'] ?? '') : promptText(b['messages'], b['system']));
  const outTokens = tokens(r.text);
  let out: unknown;
  switch (family) {
    case 'anthropic-messages':
      out = {
        id: `msg_bdrk_${utf8ToBase64(ref.base + inTokens).replace(/[^A-Za-z0-9]/g, '').slice(0, 24)}`,
        type: 'message',
        role: 'assistant',
        model: ref.base.replace(/^anthropic\./, '').replace(/-v\d+(:\d+)?$/, ''),
        content: [{ type: 'text', text: r.text }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: inTokens, output_tokens: outTokens },
      };
      break;
    case 'nova':
      out = { output: { message: { content: [{ text: r.text }], role: 'assistant' } }, stopReason: 'end_turn', usage: { inputTokens: inTokens, outputTokens: outTokens, totalTokens: inTokens + outTokens } };
      break;
    case 'titan-text':
      out = { inputTextTokenCount: inTokens, results: [{ tokenCount: outTokens, outputText: r.text, completionReason: 'FINISH' }] };
      break;
    case 'titan-embed': {
      const dims = typeof b['dimensions'] === 'number' ? b['dimensions'] : /embed-text-v2/.test(ref.base) ? 1024 : 1536;
      out = { embedding: embedding(String(b['inputText']), dims), inputTextTokenCount: inTokens };
      break;
    }
    case 'llama':
      out = { generation: r.text, prompt_token_count: inTokens, generation_token_count: outTokens, stop_reason: 'stop' };
      break;
  }
  return { ok: true, latencyMs: r.latencyMs, output: { body: { $blob: utf8ToBase64(JSON.stringify(out)) }, contentType: 'application/json' } };
}

type Family = 'anthropic-messages' | 'nova' | 'titan-text' | 'titan-embed' | 'llama';

/**
 * Keys each family's request requires (model-parameters pages): the Claude Messages API needs anthropic_version,
 * max_tokens and messages; Nova needs messages; Titan Text and Titan Embeddings need inputText; Llama needs prompt.
 */
const REQUIRED_KEYS: Record<Family, readonly string[]> = {
  'anthropic-messages': ['anthropic_version', 'max_tokens', 'messages'],
  nova: ['messages'],
  'titan-text': ['inputText'],
  'titan-embed': ['inputText'],
  llama: ['prompt'],
};

function familyOf(base: string): Family | null {
  if (base.startsWith('anthropic.claude')) return 'anthropic-messages';
  if (base.startsWith('amazon.nova')) return 'nova';
  if (base.startsWith('amazon.titan-embed')) return 'titan-embed';
  if (base.startsWith('amazon.titan-text')) return 'titan-text';
  if (base.startsWith('meta.llama')) return 'llama';
  return null;
}

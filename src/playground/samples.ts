/**
 * Starting code and sample requests for the playground. Plain data: the page, the state parser and
 * the tests share it.
 */
import type { FrontDoor } from '../engine/vocabulary.ts';

/** The handler a new scratch pad starts with: a REST-style answer that every front door accepts. */
export const STARTER_CODE = `// Edit me, then press Run (Ctrl+Enter). Types come from @types/aws-lambda.
/** @type {import('aws-lambda').APIGatewayProxyHandler} */
export const handler = async (event, context) => {
  console.log('path', event.path);
  const orderId = event.pathParameters?.id ?? '42';
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderId, remainingMs: context.getRemainingTimeInMillis() }),
  };
};
`;

/**
 * The handler a Python scratch pad starts with (`lambda_function.py`, handler `lambda_function.lambda_handler`,
 * the console's default names: https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html).
 */
export const PYTHON_STARTER_CODE = `# Edit me, then press Run (Ctrl+Enter).
import json


def lambda_handler(event, context):
    print('path', event.get('path') or event.get('rawPath'))
    order_id = (event.get('pathParameters') or {}).get('id', '42')
    return {
        'statusCode': 200,
        'headers': {'content-type': 'application/json'},
        'body': json.dumps({'orderId': order_id, 'remainingMs': context.get_remaining_time_in_millis()}),
    }
`;

/** A sample the request tab offers. */
export interface RequestSample {
  id: string;
  label: string;
  mode: 'http' | 'event';
  text: string;
  /** Front doors this sample fits; empty means every front door. */
  frontDoors: readonly FrontDoor[];
}

/** The default request: a GET with a query string. */
export const STARTER_REQUEST = `{
  "method": "GET",
  "path": "/orders/42",
  "query": { "expand": "items" },
  "headers": { "accept": "application/json" }
}
`;

/** Samples per front door: HTTP requests (each front door builds its own event) and raw events. */
export const REQUEST_SAMPLES: readonly RequestSample[] = [
  { id: 'get', label: 'GET /orders/42 (HTTP request)', mode: 'http', text: STARTER_REQUEST, frontDoors: [] },
  {
    id: 'post-json',
    label: 'POST a JSON body (HTTP request)',
    mode: 'http',
    text: `{
  "method": "POST",
  "path": "/orders",
  "headers": { "content-type": "application/json" },
  "body": "{\\"item\\":\\"book\\",\\"quantity\\":2}"
}
`,
    frontDoors: [],
  },
  {
    id: 'route',
    label: 'GET /orders/{id} route: path parameters (HTTP request)',
    mode: 'http',
    // "route" is an API Gateway route key; REST also accepts "resource": "/orders/{id}". A path off the
    // route is answered by the gateway itself (REST 403, HTTP API 404) without calling the function.
    text: `{
  "route": "GET /orders/{id}",
  "path": "/orders/42"
}
`,
    frontDoors: ['apigw-rest', 'http-api-v1', 'http-api-v2'],
  },
  {
    id: 'cookies',
    label: 'GET with cookies (HTTP request)',
    mode: 'http',
    text: `{
  "method": "GET",
  "path": "/profile",
  "cookies": { "session": "abc123", "theme": "dark" }
}
`,
    frontDoors: [],
  },
  {
    id: 'invoke-event',
    label: 'Direct invoke: a JSON event',
    mode: 'event',
    text: `{
  "orderId": "42",
  "action": "ship"
}
`,
    frontDoors: ['invoke'],
  },
  {
    id: 'empty-event',
    label: 'Direct invoke: an empty event',
    mode: 'event',
    text: '{}\n',
    frontDoors: ['invoke'],
  },
];

/** Sample execution-role policy (an IAM identity-based policy document): reads from one table. */
export const STARTER_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["dynamodb:GetItem", "dynamodb:Query"],
      "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
    }
  ]
}
`;

/** Sample seeded AWS state (shape: src/engine/aws/state.ts). */
export const STARTER_AWS_STATE = `{
  "dynamodb": {
    "tables": {
      "orders": {
        "keySchema": { "pk": "id" },
        "items": [{ "id": "42", "status": "shipped", "total": 19.5 }]
      }
    }
  },
  "s3": { "buckets": { "config-bucket": { "settings.json": "{\\"featureX\\":true}" } } }
}
`;

/** Sample downstream faults (shape: src/engine/aws/faults.ts): none yet; examples in the Faults note. */
export const STARTER_FAULTS = `{
  "rules": []
}
`;

/** A handler sample the Handler tab offers. */
export interface HandlerSample {
  id: string;
  label: string;
  code: string;
  /** Needs the simulated AWS services. */
  aws?: boolean;
  /** The handler's language: Node.js (default, `index.mjs`) or Python (`lambda_function.py`). */
  language?: 'python';
}

/** Python handlers: the starting code and the most common Python failures behind a 5xx. */
const PYTHON_SAMPLES: readonly HandlerSample[] = [
  { id: 'py-starter', label: 'Python: starting code (200 OK)', language: 'python', code: PYTHON_STARTER_CODE },
  {
    id: 'py-keyerror',
    label: "Python: KeyError on a missing body (HTTP API, no body)",
    language: 'python',
    code: `import json


def lambda_handler(event, context):
    # An HTTP API (payload 2.0) leaves "body" out of the event when the request has none: KeyError: 'body'.
    # Behind a REST API "body" is None instead, and json.loads(None) is a TypeError.
    order = json.loads(event['body'])
    return {'statusCode': 200, 'body': json.dumps({'received': order})}
`,
  },
  {
    id: 'py-decimal',
    label: 'Python: json.dumps of a DynamoDB Decimal (needs the policy)',
    language: 'python',
    aws: true,
    code: `import json
import os

import boto3

table = boto3.resource('dynamodb').Table(os.environ['TABLE_NAME'])


def lambda_handler(event, context):
    order_id = (event.get('pathParameters') or {}).get('id', '42')
    item = table.get_item(Key={'id': order_id}).get('Item')
    # boto3 returns DynamoDB numbers as decimal.Decimal, which json.dumps cannot serialise.
    return {'statusCode': 200 if item else 404, 'body': json.dumps(item or {'message': 'not found'})}
`,
  },
  {
    id: 'py-timeout',
    label: 'Python: times out (a slow call, 3 s timeout)',
    language: 'python',
    code: `import time


def lambda_handler(event, context):
    time.sleep(5)  # stands for a slow downstream call; the clock is simulated, so this takes no real time
    return {'statusCode': 200, 'body': 'too late'}
`,
  },
  {
    id: 'py-datetime',
    label: 'Python: returns a datetime (Runtime.MarshalError)',
    language: 'python',
    code: `from datetime import datetime, timezone


def lambda_handler(event, context):
    # The runtime serialises the return value as JSON; a datetime is not JSON.
    return {'orderId': '42', 'shippedAt': datetime.now(timezone.utc)}
`,
  },
];

/** Handlers that show one failure each (and the starting code). */
export const HANDLER_SAMPLES: readonly HandlerSample[] = [
  { id: 'starter', label: 'Starting code (200 OK)', code: STARTER_CODE },
  {
    id: 'timeout',
    label: 'Times out (a slow call, 3 s timeout)',
    code: `export const handler = async () => {
  await new Promise((resolve) => setTimeout(resolve, 5000));
  return { statusCode: 200, body: 'too late' };
};
`,
  },
  {
    id: 'oom',
    label: 'Runs out of memory (a growing cache)',
    code: `// Module scope outlives the request: this cache stays for every warm invocation.
const thumbnails = new Map();

export const handler = async () => {
  // Renders 100 thumbnails of 1 MB and keeps every one "for later": nothing is ever evicted.
  for (let i = 0; i < 100; i++) {
    thumbnails.set(\`thumb-\${thumbnails.size}\`, Buffer.alloc(1024 * 1024, i));
  }
  return { statusCode: 200, body: String(thumbnails.size) };
};
`,
  },
  {
    id: 'malformed',
    label: 'Malformed response (body is an object)',
    code: `export const handler = async () => ({
  statusCode: 200,
  body: { message: 'body must be a string' },
});
`,
  },
  {
    id: 'throws',
    label: 'Throws (reads a missing property)',
    code: `export const handler = async (event) => {
  const id = event.pathParameters.orderId.trim();
  return { statusCode: 200, body: id };
};
`,
  },
  {
    id: 'dynamodb',
    label: 'Reads DynamoDB (needs the policy)',
    aws: true,
    code: `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const ddb = new DynamoDBClient({});

/** @type {import('aws-lambda').APIGatewayProxyHandler} */
export const handler = async (event) => {
  const id = event.pathParameters?.id ?? '42';
  const { Item } = await ddb.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { id: { S: id } } }));
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? { message: 'not found' }) };
};
`,
  },
  {
    id: 's3-denied',
    label: 'Reads S3 without permission (AccessDenied)',
    aws: true,
    code: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

export const handler = async () => {
  const res = await s3.send(new GetObjectCommand({ Bucket: 'config-bucket', Key: 'settings.json' }));
  return { statusCode: 200, body: await res.Body.transformToString() };
};
`,
  },
  ...PYTHON_SAMPLES,
];

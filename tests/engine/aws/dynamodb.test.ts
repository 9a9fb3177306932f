import { describe, expect, it } from 'vitest';
import { runOnce, stepsHandler } from './world-helpers.ts';

const state = {
  dynamodb: {
    tables: {
      Orders: {
        keySchema: { pk: 'customerId', sk: 'orderId' },
        indexes: { byStatus: { pk: 'status' } },
        items: [
          { customerId: 'c1', orderId: '2026-01-a', status: 'open', total: 10 },
          { customerId: 'c1', orderId: '2026-02-b', status: 'paid', total: 20 },
          { customerId: 'c1', orderId: '2025-12-z', status: 'open', total: 5 },
          { customerId: 'c2', orderId: '2026-01-c', status: 'open', total: 7 },
        ],
      },
    },
  },
};
const docImports = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand, DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'; const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));`;
const allowAll = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders*' } };

describe('@aws-sdk/lib-dynamodb (simulated)', () => {
  it('Get/Put/Update/Delete/Query with plain values, begins_with, index query, and the snapshot', async () => {
    const code = stepsHandler(docImports, `
      await step(doc.send(new GetCommand({ TableName: 'Orders', Key: { customerId: 'c1', orderId: '2026-01-a' } })));
      await step(doc.send(new GetCommand({ TableName: 'Orders', Key: { customerId: 'c1', orderId: 'nope' } })));
      await step(doc.send(new PutCommand({ TableName: 'Orders', Item: { customerId: 'c3', orderId: '2026-03-d', tags: ['x'], nested: { a: true }, total: 1.5 } })));
      await step(doc.send(new UpdateCommand({ TableName: 'Orders', Key: { customerId: 'c1', orderId: '2026-01-a' }, UpdateExpression: 'SET #s = :s, total = total + :n', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'paid', ':n': 5 }, ReturnValues: 'ALL_NEW' })));
      await step(doc.send(new QueryCommand({ TableName: 'Orders', KeyConditionExpression: 'customerId = :c AND begins_with(orderId, :p)', ExpressionAttributeValues: { ':c': 'c1', ':p': '2026-' } })));
      await step(doc.send(new QueryCommand({ TableName: 'Orders', IndexName: 'byStatus', KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'open' } })));
      await step(doc.send(new DeleteCommand({ TableName: 'Orders', Key: { customerId: 'c2', orderId: '2026-01-c' } })));
    `);
    const { record, world } = await runOnce(code, { state, policy: allowAll });
    const out = record.result as Array<{ ok: Record<string, unknown> }>;
    expect(out[0]?.ok).toEqual({ Item: { customerId: 'c1', orderId: '2026-01-a', status: 'open', total: 10 } });
    expect(out[1]?.ok).toEqual({});
    expect(out[3]?.ok).toEqual({ Attributes: { customerId: 'c1', orderId: '2026-01-a', status: 'paid', total: 15 } });
    expect(out[4]?.ok).toMatchObject({ Count: 2, Items: [{ orderId: '2026-01-a' }, { orderId: '2026-02-b' }] });
    expect((out[5]?.ok['Items'] as unknown[]).length).toBe(2);
    const snap = world.snapshot() as { dynamodb: { tables: { Orders: { items: Array<Record<string, unknown>> } } } };
    const items = snap.dynamodb.tables.Orders.items;
    expect(items).toContainEqual({ customerId: 'c3', orderId: '2026-03-d', tags: ['x'], nested: { a: true }, total: 1.5 });
    expect(items.find((i) => i['customerId'] === 'c2')).toBeUndefined();
    expect(world.calls().find((c) => c.operation === 'Query' && c.target.endsWith('/index/byStatus'))?.iam?.resource).toBe('arn:aws:dynamodb:us-east-1:111122223333:table/Orders/index/byStatus');
  });

  it('attribute_not_exists condition → ConditionalCheckFailedException; missing key attribute → ValidationException', async () => {
    const code = stepsHandler(docImports, `
      await step(doc.send(new PutCommand({ TableName: 'Orders', Item: { customerId: 'c1', orderId: '2026-01-a' }, ConditionExpression: 'attribute_not_exists(customerId)' })));
      await step(doc.send(new GetCommand({ TableName: 'Orders', Key: { customerId: 'c1' } })));
      await step(doc.send(new GetCommand({ TableName: 'Missing', Key: { id: 'x' } })));
    `);
    const { record } = await runOnce(code, { state });
    const out = record.result as unknown[];
    expect(out[0]).toMatchObject({ err: { name: 'ConditionalCheckFailedException', message: 'The conditional request failed', status: 400, fault: 'client' } });
    expect(out[1]).toMatchObject({ err: { name: 'ValidationException', message: 'The provided key element does not match the schema', status: 400 } });
    expect(out[2]).toMatchObject({ err: { name: 'ResourceNotFoundException', message: 'Requested resource not found', status: 400 } });
  });

  it('a client in another region does not find the table (regional resources)', async () => {
    const code = stepsHandler(`import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb'; const ddb = new DynamoDBClient({ region: 'eu-west-1' });`, `
      await step(ddb.send(new GetItemCommand({ TableName: 'Orders', Key: { customerId: { S: 'c1' }, orderId: { S: '2026-01-a' } } })));`);
    const { record } = await runOnce(code, { state });
    expect((record.result as unknown[])[0]).toMatchObject({ err: { name: 'ResourceNotFoundException' } });
  });

  it('low-level client with AttributeValue maps; PutItem denied with the DynamoDB AccessDeniedException text (https://github.com/anomalyco/sst/issues/4469)', async () => {
    const readOnly = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders' } };
    const code = stepsHandler(`import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb'; const ddb = new DynamoDBClient({});`, `
      await step(ddb.send(new GetItemCommand({ TableName: 'Orders', Key: { customerId: { S: 'c1' }, orderId: { S: '2026-02-b' } } })));
      await step(ddb.send(new PutItemCommand({ TableName: 'Orders', Item: { customerId: { S: 'c9' }, orderId: { S: 'x' } } })));`);
    const { record, world } = await runOnce(code, { state, policy: readOnly });
    const out = record.result as unknown[];
    expect(out[0]).toMatchObject({ ok: { Item: { customerId: { S: 'c1' }, total: { N: '20' } } } });
    expect(out[1]).toMatchObject({
      err: {
        name: 'AccessDeniedException',
        status: 400,
        message: 'User: arn:aws:sts::111122223333:assumed-role/orders-role/orders-fn is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:111122223333:table/Orders because no identity-based policy allows the dynamodb:PutItem action',
      },
    });
    expect((world.snapshot() as { dynamodb: { tables: { Orders: { items: unknown[] } } } }).dynamodb.tables.Orders.items).toHaveLength(4);
  });

  it('undefined values are refused like util-dynamodb unless removeUndefinedValues', async () => {
    const code = `${docImports}
      const lax = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
      export const handler = async () => {
        const out = [];
        try { await doc.send(new PutCommand({ TableName: 'Orders', Item: { customerId: 'u', orderId: '1', note: undefined } })); } catch (e) { out.push(e.message); }
        await lax.send(new PutCommand({ TableName: 'Orders', Item: { customerId: 'u', orderId: '1', note: undefined } }));
        out.push((await lax.send(new GetCommand({ TableName: 'Orders', Key: { customerId: 'u', orderId: '1' } }))).Item);
        return out;
      };`;
    const { record } = await runOnce(code, { state });
    expect(record.result).toEqual(['Pass options.removeUndefinedValues=true to remove undefined values from map/array/set.', { customerId: 'u', orderId: '1' }]);
  });
});

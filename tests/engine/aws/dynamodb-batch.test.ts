import { describe, expect, it } from 'vitest';
import { runOnce, stepsHandler } from './world-helpers.ts';

const state = {
  dynamodb: {
    tables: {
      Orders: {
        keySchema: { pk: 'customerId', sk: 'orderId' },
        indexes: { byStatus: { pk: 'status' } },
        items: [
          { customerId: 'c1', orderId: 'a', status: 'open', total: 10 },
          { customerId: 'c1', orderId: 'b', status: 'paid', total: 20 },
          { customerId: 'c1', orderId: 'c', status: 'open', total: 5 },
          { customerId: 'c2', orderId: 'a', total: 7 },
        ],
      },
      Stock: { keySchema: { pk: 'sku' }, items: [{ sku: 's1', qty: 1 }] },
    },
  },
};
const docImports = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, QueryCommand, BatchGetCommand, BatchWriteCommand, TransactWriteCommand, TransactGetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));`;
type Step = { ok?: Record<string, any>; err?: Record<string, any> };
const items = (s: { dynamodb: { tables: Record<string, { items: unknown[] }> } }, t: string) => s.dynamodb.tables[t]?.items;

describe('DynamoDB Scan, Query paging, batches and transactions (simulated)', () => {
  it('Scan with FilterExpression, Limit before the filter, LastEvaluatedKey/ExclusiveStartKey, Select COUNT, sparse index, projection', async () => {
    const code = stepsHandler(docImports, `
      await step(doc.send(new ScanCommand({ TableName: 'Orders', FilterExpression: '#s = :o', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':o': 'open' } })));
      const p1 = await step(doc.send(new ScanCommand({ TableName: 'Orders', Limit: 2, FilterExpression: 'total > :t', ExpressionAttributeValues: { ':t': 15 } })));
      await step(doc.send(new ScanCommand({ TableName: 'Orders', Limit: 2, ExclusiveStartKey: p1.LastEvaluatedKey })));
      await step(doc.send(new ScanCommand({ TableName: 'Orders', Select: 'COUNT' })));
      await step(doc.send(new ScanCommand({ TableName: 'Orders', IndexName: 'byStatus', ProjectionExpression: 'orderId, #s', ExpressionAttributeNames: { '#s': 'status' } })));
    `);
    const { record, world } = await runOnce(code, { state });
    const out = record.result as Step[];
    expect(out[0]?.ok).toMatchObject({ Count: 2, ScannedCount: 4 });
    // Limit 2 evaluates 2 items, the filter keeps 1 of them; more remain, so LastEvaluatedKey is the 2nd item's key.
    expect(out[1]?.ok).toEqual({ Items: [{ customerId: 'c1', orderId: 'b', status: 'paid', total: 20 }], Count: 1, ScannedCount: 2, LastEvaluatedKey: { customerId: 'c1', orderId: 'b' } });
    expect(out[2]?.ok).toEqual({ Items: [{ customerId: 'c1', orderId: 'c', status: 'open', total: 5 }, { customerId: 'c2', orderId: 'a', total: 7 }], Count: 2, ScannedCount: 2 });
    expect(out[3]?.ok).toEqual({ Count: 4, ScannedCount: 4 });
    expect(out[4]?.ok['Items']).toEqual([{ orderId: 'a', status: 'open' }, { orderId: 'b', status: 'paid' }, { orderId: 'c', status: 'open' }]);
    expect(world.calls()[0]?.iam?.action).toBe('dynamodb:Scan');
    expect(world.calls()[4]?.target).toBe('arn:aws:dynamodb:us-east-1:111122223333:table/Orders/index/byStatus');
  });

  it('Query: descending order, Limit with LastEvaluatedKey, paginateQuery walks every page', async () => {
    const code = stepsHandler(docImports, `
      await step(doc.send(new QueryCommand({ TableName: 'Orders', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': 'c1' }, ScanIndexForward: false, Limit: 2 })));
      const pages = [];
      for await (const page of paginateQuery({ client: doc, pageSize: 1 }, { TableName: 'Orders', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': 'c1' } })) pages.push(page.Items.map((i) => i.orderId));
      out.push({ ok: { pages } });
    `);
    const { record } = await runOnce(code, { state });
    const out = record.result as Step[];
    expect(out[0]?.ok).toEqual({ Items: [{ customerId: 'c1', orderId: 'c', status: 'open', total: 5 }, { customerId: 'c1', orderId: 'b', status: 'paid', total: 20 }], Count: 2, ScannedCount: 2, LastEvaluatedKey: { customerId: 'c1', orderId: 'b' } });
    // Three items with pageSize 1: the third page still has a LastEvaluatedKey? No: the last page evaluates the last item, nothing remains.
    expect(out[1]?.ok).toEqual({ pages: [['a'], ['b'], ['c']] });
  });

  it('BatchGet and BatchWrite across tables; more than 25 writes is a ValidationException and writes nothing', async () => {
    const code = stepsHandler(docImports, `
      await step(doc.send(new BatchWriteCommand({ RequestItems: { Orders: [ { PutRequest: { Item: { customerId: 'c3', orderId: 'x', total: 1 } } }, { DeleteRequest: { Key: { customerId: 'c2', orderId: 'a' } } } ], Stock: [ { PutRequest: { Item: { sku: 's2', qty: 3 } } } ] } })));
      await step(doc.send(new BatchGetCommand({ RequestItems: { Orders: { Keys: [ { customerId: 'c3', orderId: 'x' }, { customerId: 'c2', orderId: 'a' } ] }, Stock: { Keys: [ { sku: 's2' } ], ProjectionExpression: 'qty' } } })));
      const many = Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: { sku: 'n' + i } } }));
      await step(doc.send(new BatchWriteCommand({ RequestItems: { Stock: many } })));
      await step(doc.send(new BatchGetCommand({ RequestItems: { Missing: { Keys: [ { id: 'x' } ] } } })));
      await step(doc.send(new BatchWriteCommand({ RequestItems: { Stock: many.slice(0, 20), Orders: Array.from({ length: 6 }, (_, i) => ({ PutRequest: { Item: { customerId: 'm', orderId: String(i) } } })) } })));
      await step(doc.send(new BatchGetCommand({ RequestItems: { Stock: { Keys: Array.from({ length: 101 }, (_, i) => ({ sku: 'k' + i })) } } })));
    `);
    const { record, world } = await runOnce(code, { state });
    const out = record.result as Step[];
    expect(out[0]?.ok).toEqual({ UnprocessedItems: {} });
    expect(out[1]?.ok).toEqual({ Responses: { Orders: [{ customerId: 'c3', orderId: 'x', total: 1 }], Stock: [{ qty: 3 }] }, UnprocessedKeys: {} });
    expect(out[2]?.err).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(out[2]?.err?.['message']).toMatch(/^1 validation error detected: Value '\{Stock=.*' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: \[Member must have length less than or equal to 25/);
    expect(out[3]?.err).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
    expect(out[4]?.err).toMatchObject({ name: 'ValidationException', message: 'Too many items requested for the BatchWriteItem call' });
    expect(out[5]?.err).toMatchObject({ name: 'ValidationException', message: 'Too many items requested for the BatchGetItem call' });
    const snap = world.snapshot() as never;
    expect(items(snap, 'Stock')).toHaveLength(2);
    expect(world.calls().map((c) => c.iam?.action)).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:BatchGetItem']);
  });

  it('BatchWriteItem is authorised per table: a role allowed only on Orders is denied on Stock, with the table in the message', async () => {
    const policy = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'dynamodb:BatchWriteItem', Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders' } };
    const code = stepsHandler(docImports, `
      await step(doc.send(new BatchWriteCommand({ RequestItems: { Orders: [ { PutRequest: { Item: { customerId: 'c9', orderId: 'z' } } } ], Stock: [ { PutRequest: { Item: { sku: 's9' } } } ] } })));`);
    const { record, world } = await runOnce(code, { state, policy });
    const out = record.result as Step[];
    expect(out[0]?.err).toMatchObject({ name: 'AccessDeniedException', status: 400 });
    expect(out[0]?.err?.['message']).toBe('User: arn:aws:sts::111122223333:assumed-role/orders-role/orders-fn is not authorized to perform: dynamodb:BatchWriteItem on resource: arn:aws:dynamodb:us-east-1:111122223333:table/Stock because no identity-based policy allows the dynamodb:BatchWriteItem action');
    expect(items(world.snapshot() as never, 'Orders')).toHaveLength(4);
  });

  it('TransactWrite: all or nothing; a failed condition cancels with CancellationReasons in order; transactions use the item actions for IAM', async () => {
    const code = stepsHandler(docImports, `
      await step(doc.send(new TransactWriteCommand({ TransactItems: [
        { Put: { TableName: 'Orders', Item: { customerId: 'c4', orderId: 'n', total: 3 } } },
        { Update: { TableName: 'Stock', Key: { sku: 's1' }, UpdateExpression: 'SET qty = qty - :one', ConditionExpression: 'qty >= :one', ExpressionAttributeValues: { ':one': 1 } } },
      ] })));
      try {
        await doc.send(new TransactWriteCommand({ TransactItems: [
          { Put: { TableName: 'Orders', Item: { customerId: 'c5', orderId: 'n' } } },
          { Update: { TableName: 'Stock', Key: { sku: 's1' }, UpdateExpression: 'SET qty = qty - :one', ConditionExpression: 'qty >= :one', ExpressionAttributeValues: { ':one': 1 } } },
        ] }));
      } catch (e) { out.push({ err: { name: e.name, message: e.message, reasons: e.CancellationReasons, status: e.$metadata.httpStatusCode } }); }
      await step(doc.send(new TransactGetCommand({ TransactItems: [ { Get: { TableName: 'Stock', Key: { sku: 's1' } } }, { Get: { TableName: 'Orders', Key: { customerId: 'nobody', orderId: 'x' } } } ] })));
    `);
    const { record, world } = await runOnce(code, { state });
    const out = record.result as Step[];
    expect(out[0]?.ok).toEqual({});
    expect(out[1]?.err).toEqual({
      name: 'TransactionCanceledException',
      message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
      reasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }],
      status: 400,
    });
    expect(out[2]?.ok).toEqual({ Responses: [{ Item: { sku: 's1', qty: 0 } }, {}] });
    const snap = world.snapshot() as never;
    expect((items(snap, 'Orders') as Array<{ customerId: string }>).map((i) => i.customerId)).toContain('c4');
    expect((items(snap, 'Orders') as Array<{ customerId: string }>).map((i) => i.customerId)).not.toContain('c5');
    const denied = await runOnce(code, { state, policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:GetItem'], Resource: '*' } } });
    const d = denied.record.result as Step[];
    expect(d[0]?.err?.['message']).toContain('perform: dynamodb:UpdateItem on resource: arn:aws:dynamodb:us-east-1:111122223333:table/Stock');
    expect(items(denied.world.snapshot() as never, 'Orders')).toHaveLength(4);
  });

  it('low-level client: ScanCommand, BatchWriteItemCommand and TransactWriteItemsCommand with AttributeValue maps', async () => {
    const code = stepsHandler(`import { DynamoDBClient, ScanCommand, BatchWriteItemCommand, TransactWriteItemsCommand, TransactionCanceledException } from '@aws-sdk/client-dynamodb'; const ddb = new DynamoDBClient({});`, `
      await step(ddb.send(new BatchWriteItemCommand({ RequestItems: { Stock: [ { PutRequest: { Item: { sku: { S: 's5' }, qty: { N: '5' } } } } ] } })));
      await step(ddb.send(new ScanCommand({ TableName: 'Stock' })));
      try { await ddb.send(new TransactWriteItemsCommand({ TransactItems: [ { ConditionCheck: { TableName: 'Stock', Key: { sku: { S: 's5' } }, ConditionExpression: 'attribute_not_exists(sku)' } } ] })); }
      catch (e) { out.push({ err: { isClass: e instanceof TransactionCanceledException, reasons: e.CancellationReasons } }); }
    `);
    const { record } = await runOnce(code, { state });
    const out = record.result as Step[];
    expect(out[1]?.ok).toEqual({ Items: [{ sku: { S: 's1' }, qty: { N: '1' } }, { sku: { S: 's5' }, qty: { N: '5' } }], Count: 2, ScannedCount: 2 });
    expect(out[2]?.err).toEqual({ isClass: true, reasons: [{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }] });
  });
});

describe('return values', () => {
  it('UpdateItem UPDATED_NEW / UPDATED_OLD; a failed condition with ReturnValuesOnConditionCheckFailure ALL_OLD carries the item', async () => {
    const code = stepsHandler(`import { DynamoDBClient, UpdateItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb'; const ddb = new DynamoDBClient({});`, `
      await step(ddb.send(new UpdateItemCommand({ TableName: 'Stock', Key: { sku: { S: 's1' } }, UpdateExpression: 'SET qty = :q, note = :n', ExpressionAttributeValues: { ':q': { N: '9' }, ':n': { S: 'x' } }, ReturnValues: 'UPDATED_NEW' })));
      await step(ddb.send(new UpdateItemCommand({ TableName: 'Stock', Key: { sku: { S: 's1' } }, UpdateExpression: 'REMOVE note', ReturnValues: 'UPDATED_OLD' })));
      try { await ddb.send(new PutItemCommand({ TableName: 'Stock', Item: { sku: { S: 's1' } }, ConditionExpression: 'attribute_not_exists(sku)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })); }
      catch (e) { out.push({ err: { name: e.name, Item: e.Item } }); }
    `);
    const { record } = await runOnce(code, { state });
    const out = record.result as Step[];
    expect(out[0]?.ok).toEqual({ Attributes: { qty: { N: '9' }, note: { S: 'x' } } });
    expect(out[1]?.ok).toEqual({ Attributes: { note: { S: 'x' } } });
    expect(out[2]?.err).toEqual({ name: 'ConditionalCheckFailedException', Item: { sku: { S: 's1' }, qty: { N: '9' } } });
  });
});

describe('parallel scan and key condition order', () => {
  it('Segment/TotalSegments split the items: every item once across the segments; a bad Segment is a ValidationException', async () => {
    const code = stepsHandler(docImports, `
      const all = [];
      for (let s = 0; s < 3; s++) { const r = await doc.send(new ScanCommand({ TableName: 'Orders', Segment: s, TotalSegments: 3 })); all.push(...r.Items.map((i) => i.customerId + '/' + i.orderId)); }
      out.push({ ok: { all: all.sort() } });
      await step(doc.send(new ScanCommand({ TableName: 'Orders', Segment: 3, TotalSegments: 3 })));
    `);
    const { record } = await runOnce(code, { state });
    const out = record.result as Step[];
    expect(out[0]?.ok).toEqual({ all: ['c1/a', 'c1/b', 'c1/c', 'c2/a'] });
    expect(out[1]?.err).toMatchObject({ name: 'ValidationException', status: 400 });
  });

  it('a key condition with the sort key first is read against the key schema', async () => {
    const code = stepsHandler(docImports, `
      await step(doc.send(new QueryCommand({ TableName: 'Orders', KeyConditionExpression: 'orderId > :o AND customerId = :c', ExpressionAttributeValues: { ':c': 'c1', ':o': 'a' } })));
      await step(doc.send(new QueryCommand({ TableName: 'Orders', KeyConditionExpression: 'orderId = :o AND customerId = :c', ExpressionAttributeValues: { ':c': 'c1', ':o': 'b' } })));
    `);
    const { record } = await runOnce(code, { state });
    const out = record.result as Step[];
    expect(out[0]?.ok?.['Items'].map((i: { orderId: string }) => i.orderId)).toEqual(['b', 'c']);
    expect(out[1]?.ok?.['Items'].map((i: { orderId: string }) => i.orderId)).toEqual(['b']);
  });
});

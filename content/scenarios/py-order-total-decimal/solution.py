# GET /orders/{id}: one order from the Orders table, as JSON.
import json
import os
from decimal import Decimal

import boto3

table = boto3.resource('dynamodb').Table(os.environ['TABLE_NAME'])


def json_default(value):
    # boto3 returns every DynamoDB number as Decimal; json.dumps needs int or float.
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f'Object of type {type(value).__name__} is not JSON serializable')


def lambda_handler(event, context):
    order_id = event['pathParameters']['id']
    item = table.get_item(Key={'id': order_id}).get('Item')
    if item is None:
        return {'statusCode': 404, 'body': json.dumps({'error': 'not_found'})}
    return {
        'statusCode': 200,
        'headers': {'content-type': 'application/json'},
        'body': json.dumps(item, default=json_default),
    }

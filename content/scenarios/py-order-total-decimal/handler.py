# GET /orders/{id}: one order from the Orders table, as JSON.
import json
import os

import boto3

table = boto3.resource('dynamodb').Table(os.environ['TABLE_NAME'])


def lambda_handler(event, context):
    order_id = event['pathParameters']['id']
    item = table.get_item(Key={'id': order_id}).get('Item')
    if item is None:
        return {'statusCode': 404, 'body': json.dumps({'error': 'not_found'})}
    return {
        'statusCode': 200,
        'headers': {'content-type': 'application/json'},
        'body': json.dumps(item),
    }

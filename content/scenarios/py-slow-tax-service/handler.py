# GET /cart/{id}/tax: the sales tax rate for the cart's region, from the TaxRates table.
import json
import os

import boto3

rates = boto3.resource('dynamodb').Table(os.environ['RATES_TABLE'])


def lambda_handler(event, context):
    region = (event.get('queryStringParameters') or {}).get('region', 'WA')
    item = rates.get_item(Key={'region': region}).get('Item') or {}
    rate = str(item.get('rate', '0'))
    return {'statusCode': 200, 'headers': {'content-type': 'application/json'}, 'body': json.dumps({'region': region, 'rate': rate})}

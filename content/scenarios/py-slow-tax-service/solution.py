# GET /cart/{id}/tax: the sales tax rate for the cart's region, from the TaxRates table.
import json
import os

import boto3
from botocore.config import Config
from botocore.exceptions import ConnectTimeoutError, ReadTimeoutError

# boto3's defaults wait 60 s per attempt and retry: far longer than this function's 3 s timeout.
# Give the call a budget well inside it, with one attempt.
rates = boto3.resource(
    'dynamodb',
    config=Config(connect_timeout=1, read_timeout=1, retries={'total_max_attempts': 1}),
).Table(os.environ['RATES_TABLE'])


def lambda_handler(event, context):
    region = (event.get('queryStringParameters') or {}).get('region', 'WA')
    try:
        item = rates.get_item(Key={'region': region}).get('Item') or {}
    except (ConnectTimeoutError, ReadTimeoutError) as error:
        print(f'tax rates did not answer in time ({type(error).__name__}); {context.get_remaining_time_in_millis()} ms left')
        return {
            'statusCode': 503,
            'headers': {'content-type': 'application/json', 'retry-after': '5'},
            'body': json.dumps({'region': region, 'rate': None, 'message': 'Tax rates are temporarily unavailable.'}),
        }
    rate = str(item.get('rate', '0'))
    return {'statusCode': 200, 'headers': {'content-type': 'application/json'}, 'body': json.dumps({'region': region, 'rate': rate})}

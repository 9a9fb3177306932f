# POST /checkout/quote: the shipping price for a cart, from ShipRates (a third-party rates API).
import json
import os
import urllib.parse
import urllib.request

RATES_URL = os.environ['SHIPPING_RATES_URL']


def lambda_handler(event, context):
    cart = json.loads(event['body'])
    query = urllib.parse.urlencode({'to': cart['postcode'], 'grams': cart['weightGrams']})
    with urllib.request.urlopen(f'{RATES_URL}?{query}') as response:
        rate = json.loads(response.read())
    return {
        'statusCode': 200,
        'headers': {'content-type': 'application/json'},
        'body': json.dumps({'cartId': cart['cartId'], 'shipping': rate}),
    }

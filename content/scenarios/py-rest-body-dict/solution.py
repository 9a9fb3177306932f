# GET /stock/{sku}: how many units are left, for the product page.
import json

STOCK = {'mug': 14, 'tea': 0}


def lambda_handler(event, context):
    sku = event['pathParameters']['sku']
    units = STOCK.get(sku, 0)
    return {
        'statusCode': 200,
        'headers': {'content-type': 'application/json'},
        # A proxy integration needs the body as a string: encode the dict yourself.
        'body': json.dumps({'sku': sku, 'units': units, 'inStock': units > 0}),
    }

# GET /stock/{sku}: how many units are left, for the product page.
STOCK = {'mug': 14, 'tea': 0}


def lambda_handler(event, context):
    sku = event['pathParameters']['sku']
    units = STOCK.get(sku, 0)
    return {
        'statusCode': 200,
        'headers': {'content-type': 'application/json'},
        'body': {'sku': sku, 'units': units, 'inStock': units > 0},
    }

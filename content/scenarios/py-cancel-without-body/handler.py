# POST /orders/{id}/cancel: cancel an order, with an optional reason in the JSON body.
import json


def lambda_handler(event, context):
    order_id = event['pathParameters']['id']
    body = json.loads(event['body'])
    reason = body.get('reason', 'not given')
    print(f'cancelling {order_id}: {reason}')
    return {
        'statusCode': 200,
        'headers': {'content-type': 'application/json'},
        'body': json.dumps({'orderId': order_id, 'status': 'cancelled', 'reason': reason}),
    }

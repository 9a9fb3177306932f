# POST /orders/{id}/cancel: cancel an order, with an optional reason in the JSON body.
import json


def bad_request(message):
    return {
        'statusCode': 400,
        'headers': {'content-type': 'application/json'},
        'body': json.dumps({'error': 'invalid_request', 'message': message}),
    }


def lambda_handler(event, context):
    order_id = (event.get('pathParameters') or {}).get('id')
    if not order_id:
        return bad_request('order id is required')
    # HTTP API 2.0 leaves "body" out of the event when the request has none: use .get().
    raw = event.get('body') or ''
    reason = 'not given'
    if raw:
        try:
            body = json.loads(raw)
        except json.JSONDecodeError:
            return bad_request('the body must be JSON')
        if not isinstance(body, dict):
            return bad_request('the body must be a JSON object')
        reason = body.get('reason', reason)
    print(f'cancelling {order_id}: {reason}')
    return {
        'statusCode': 200,
        'headers': {'content-type': 'application/json'},
        'body': json.dumps({'orderId': order_id, 'status': 'cancelled', 'reason': reason}),
    }

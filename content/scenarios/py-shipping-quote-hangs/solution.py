# POST /checkout/quote: the shipping price for a cart, from ShipRates (a third-party rates API).
import json
import os
import urllib.error
import urllib.parse
import urllib.request

RATES_URL = os.environ['SHIPPING_RATES_URL']

# urlopen() without timeout= waits as long as the socket default: forever. Give the provider at most
# 3 s, and never more than the function has left minus a margin to answer the caller.
MAX_WAIT_S = 3.0
MARGIN_MS = 1000


def answer(status, body, headers=None):
    return {'statusCode': status, 'headers': {'content-type': 'application/json', **(headers or {})}, 'body': json.dumps(body)}


def unavailable(cart_id, why):
    print(f'shipping rates unavailable for cart {cart_id}: {why}')
    return answer(503, {'cartId': cart_id, 'message': 'Shipping prices are temporarily unavailable. Please try again shortly.'}, {'retry-after': '30'})


def lambda_handler(event, context):
    try:
        cart = json.loads(event.get('body') or '')
        cart_id, postcode, grams = str(cart['cartId']), str(cart['postcode']), int(cart['weightGrams'])
    except (ValueError, TypeError, KeyError):
        return answer(400, {'message': 'Send JSON like {"cartId": "c-2291", "postcode": "94107", "weightGrams": 1800}.'})
    if grams <= 0:
        return answer(400, {'message': '`weightGrams` must be a positive whole number.'})

    wait_s = min(MAX_WAIT_S, (context.get_remaining_time_in_millis() - MARGIN_MS) / 1000)
    if wait_s <= 0:
        return unavailable(cart_id, 'no time left to ask')
    query = urllib.parse.urlencode({'to': postcode, 'grams': grams})
    try:
        with urllib.request.urlopen(f'{RATES_URL}?{query}', timeout=wait_s) as response:
            rate = json.loads(response.read())
    except urllib.error.HTTPError as error:
        # HTTPError is a URLError: catch it first. 5xx and 429 are the provider's trouble; anything
        # else (a 400 for a postcode it rejects, a 401 for a bad key) is ours and should stay loud.
        if error.code >= 500 or error.code == 429:
            return unavailable(cart_id, f'HTTP {error.code}')
        raise
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        return unavailable(cart_id, repr(error))
    return answer(200, {'cartId': cart_id, 'shipping': rate})

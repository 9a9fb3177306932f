# Invoked by the checkout workflow: builds the receipt record for an order.
from datetime import datetime, timezone


def lambda_handler(event, context):
    lines = event['lines']
    total = sum(line['price'] * line['qty'] for line in lines)
    return {
        'orderId': event['orderId'],
        'total': round(total, 2),
        'issuedAt': datetime.now(timezone.utc),
    }

# GET /share/{slug}: a link to share a product, with the title encoded for the URL.
import json
from urllib.parse import quote  # the standard library: nothing to package

TITLES = {'mug': 'Blue mug & saucer', 'tea': 'Green tea (50 bags)'}


def lambda_handler(event, context):
    slug = event['pathParameters']['slug']
    title = TITLES.get(slug, slug)
    link = f'https://shop.example.com/p/{slug}?title={quote(title)}'
    return {'statusCode': 200, 'headers': {'content-type': 'application/json'}, 'body': json.dumps({'link': link})}

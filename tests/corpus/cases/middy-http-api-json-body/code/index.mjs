import middy from '@middy/core'
import httpJsonBodyParser from '@middy/http-json-body-parser'
import httpErrorHandler from '@middy/http-error-handler'

const lambdaHandler = async (event) => {
  return {
    statusCode: 200,
    body: JSON.stringify({ method: event.requestContext.http.method, body: event.body })
  }
}

export const handler = middy()
  .use(httpJsonBodyParser())
  .use(httpErrorHandler())
  .handler(lambdaHandler)

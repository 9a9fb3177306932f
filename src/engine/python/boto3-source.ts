/**
 * The simulated boto3 and botocore that Lambda Triage installs on `sys.path` in every Python environment, as
 * Python source by path under site-packages. Lambda's Python runtimes ship the AWS SDK for Python
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-python.html); this is a small simulation of it, not boto3:
 * clients for the services the simulated AWS world answers (`src/engine/aws/world.ts`), `boto3.resource('dynamodb')
 * .Table` with boto3's type conversion (numbers as `decimal.Decimal`), `botocore.exceptions.ClientError` in
 * botocore's format, modeled exceptions, retries, read timeouts, `Config` and `Session`. Each behaviour cites its
 * botocore or boto3 source file, or the AWS page, in the Python source itself.
 *
 * The sources talk to the host only through the Python module `_lambda_triage_host` (`call`, `wait_ms`, `hang`),
 * which the Python executor registers. Edit the Python here; `tests/engine/python/boto3.test.ts` runs it in Pyodide
 * against a real simulated world.
 */

/** Python source of the simulated boto3 / botocore, by path relative to site-packages (e.g. `boto3/__init__.py`). */
export const BOTO3_FILES: Record<string, string> = {
  'boto3/__init__.py': String.raw`"""Lambda Triage's simulated boto3: a small stand-in for the AWS SDK for Python, not boto3.

boto3.client(name) and boto3.resource('dynamodb' | 's3') talk to the simulator's AWS world (state, faults,
IAM) through the simulated botocore; nothing reaches the network. Lambda's Python runtimes include boto3
(https://docs.aws.amazon.com/lambda/latest/dg/lambda-python.html). What is covered: SIMULATION.md ("boto3").
"""

from boto3.session import Session

__version__ = '0.0.0+lambda-triage'

DEFAULT_SESSION = None


def setup_default_session(**kwargs):
    """Replace the default session (used by boto3.client and boto3.resource)."""
    global DEFAULT_SESSION
    DEFAULT_SESSION = Session(**kwargs)


def _get_default_session():
    if DEFAULT_SESSION is None:
        setup_default_session()
    return DEFAULT_SESSION


def client(*args, **kwargs):
    """A low-level client of the default session, e.g. boto3.client('s3')."""
    return _get_default_session().client(*args, **kwargs)


def resource(*args, **kwargs):
    """A resource of the default session: boto3.resource('dynamodb').Table(name), boto3.resource('s3')."""
    return _get_default_session().resource(*args, **kwargs)
`,
  'boto3/dynamodb/__init__.py': String.raw`"""DynamoDB helpers of the simulated boto3 (Lambda Triage): types (TypeSerializer, TypeDeserializer, Binary)
and conditions (Key, Attr)."""
`,
  'boto3/dynamodb/conditions.py': String.raw`"""Condition builders of the simulated boto3 (Lambda Triage): Key('pk').eq(1) & Attr('n').gt(2), turned into
an expression with #n / :v placeholders when a Table method is called (the behaviour of
https://boto3.amazonaws.com/v1/documentation/api/latest/reference/customizations/dynamodb.html#ref-dynamodb-conditions).
Our own code; the placeholder names are ILLUSTRATIVE (DynamoDB only sees the resolved expression).
"""


class ConditionBase:
    """A condition; combine with &, | and ~."""

    def __init__(self, fmt, *values):
        self.expression_format = fmt
        self._values = values

    def __and__(self, other):
        if not isinstance(other, ConditionBase):
            raise DynamoDBOperationNotSupportedError('AND', other)
        return ConditionBase('({0} AND {1})', self, other)

    def __or__(self, other):
        if not isinstance(other, ConditionBase):
            raise DynamoDBOperationNotSupportedError('OR', other)
        return ConditionBase('({0} OR {1})', self, other)

    def __invert__(self):
        return ConditionBase('(NOT {0})', self)

    def get_expression(self):
        return {'format': self.expression_format, 'values': self._values}


class DynamoDBOperationNotSupportedError(Exception):
    """& or | with something that is not a condition (message of boto3/exceptions.py)."""

    def __init__(self, operation, value):
        super().__init__('%s operation cannot be applied to value %s of type %s directly. Must use AttributeBase object methods (i.e. Attr().eq()). to generate ConditionBase instances first.' % (operation, value, type(value)))


class AttributeBase:
    def __init__(self, name):
        self.name = name

    def _cond(self, fmt, *values):
        return ConditionBase(fmt, self, *values)

    def eq(self, value):
        return self._cond('{0} = {1}', value)

    def lt(self, value):
        return self._cond('{0} < {1}', value)

    def lte(self, value):
        return self._cond('{0} <= {1}', value)

    def gt(self, value):
        return self._cond('{0} > {1}', value)

    def gte(self, value):
        return self._cond('{0} >= {1}', value)

    def begins_with(self, value):
        return self._cond('begins_with({0}, {1})', value)

    def between(self, low_value, high_value):
        return self._cond('{0} BETWEEN {1} AND {2}', low_value, high_value)


class Key(AttributeBase):
    """A key attribute (KeyConditionExpression)."""


class Attr(AttributeBase):
    """Any attribute (FilterExpression, ConditionExpression)."""

    def ne(self, value):
        return self._cond('{0} <> {1}', value)

    def is_in(self, value):
        return ConditionBase('{0} IN (' + ', '.join('{%d}' % (i + 1) for i in range(len(value))) + ')', self, *value)

    def exists(self):
        return self._cond('attribute_exists({0})')

    def not_exists(self):
        return self._cond('attribute_not_exists({0})')

    def contains(self, value):
        return self._cond('contains({0}, {1})', value)

    def size(self):
        return Size(self.name)

    def attribute_type(self, value):
        return self._cond('attribute_type({0}, {1})', value)


class Size(AttributeBase):
    pass


class ConditionExpressionBuilder:
    """Turns a condition into (expression, names, values) with placeholders #n0, :v0, ..."""

    def __init__(self):
        self._name_count = 0
        self._value_count = 0

    def build_expression(self, condition, is_key_condition=False):
        names = {}
        values = {}
        expression = self._build(condition, names, values, is_key_condition)
        return expression, names, values

    def _build(self, part, names, values, is_key_condition):
        if isinstance(part, ConditionBase):
            rendered = [self._build(v, names, values, is_key_condition) for v in part._values]
            return part.expression_format.format(*rendered)
        if isinstance(part, Size):
            return 'size(%s)' % self._name(part.name, names)
        if isinstance(part, AttributeBase):
            if is_key_condition and not isinstance(part, Key):
                raise ValueError('Attribute object %s is of type %s. KeyConditionExpression only supports Attribute objects of type Key' % (part.name, type(part)))
            return self._name(part.name, names)
        placeholder = ':v%d' % self._value_count
        self._value_count += 1
        values[placeholder] = part
        return placeholder

    def _name(self, name, names):
        out = []
        for piece in name.split('.'):
            placeholder = '#n%d' % self._name_count
            self._name_count += 1
            names[placeholder] = piece
            out.append(placeholder)
        return '.'.join(out)
`,
  'boto3/dynamodb/types.py': String.raw`"""DynamoDB type conversion of the simulated boto3 (Lambda Triage): our own code with the behaviour of boto3's
TypeSerializer and TypeDeserializer (https://boto3.amazonaws.com/v1/documentation/api/latest/reference/customizations/dynamodb.html,
https://github.com/boto/boto3/blob/develop/boto3/dynamodb/types.py):

- Python -> DynamoDB: None NULL, bool BOOL, int and Decimal N, str S, bytes/bytearray/Binary B, sets of numbers,
  strings or binaries NS/SS/BS, Mappings M, lists and tuples L. A float raises "Float types are not supported.
  Use Decimal types instead.".
- DynamoDB -> Python: every N comes back as decimal.Decimal (in a 38-digit context), B as Binary. That is why
  json.dumps(item) fails with "Object of type Decimal is not JSON serializable".
"""

from collections.abc import Mapping, Set
from decimal import Clamped, Context, Decimal, Inexact, Overflow, Rounded, Underflow

STRING = 'S'
NUMBER = 'N'
BINARY = 'B'
STRING_SET = 'SS'
NUMBER_SET = 'NS'
BINARY_SET = 'BS'
NULL = 'NULL'
BOOLEAN = 'BOOL'
MAP = 'M'
LIST = 'L'

# DynamoDB numbers: up to 38 digits of precision (boto3/dynamodb/types.py DYNAMODB_CONTEXT).
DYNAMODB_CONTEXT = Context(Emin=-128, Emax=126, prec=38, traps=[Clamped, Overflow, Inexact, Rounded, Underflow])

BINARY_TYPES = (bytearray, bytes)


class Binary:
    """Binary data for DynamoDB (only bytes or bytearray)."""

    def __init__(self, value):
        if not isinstance(value, BINARY_TYPES):
            raise TypeError('Value must be of the following types: %s' % ', '.join(str(t) for t in BINARY_TYPES))
        self.value = value

    def __eq__(self, other):
        if isinstance(other, Binary):
            return self.value == other.value
        return self.value == other

    def __ne__(self, other):
        return not self.__eq__(other)

    def __repr__(self):
        return 'Binary(%r)' % self.value

    def __str__(self):
        return str(self.value)

    def __bytes__(self):
        return bytes(self.value)

    def __hash__(self):
        return hash(self.value)


def _is_number(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, Decimal)):
        return True
    if isinstance(value, float):
        raise TypeError('Float types are not supported. Use Decimal types instead.')
    return False


def _is_binary(value):
    return isinstance(value, (Binary, bytearray, bytes))


class TypeSerializer:
    """Python value -> DynamoDB attribute value ({'S': 'x'}, {'N': '1'}, ...)."""

    def serialize(self, value):
        kind = self._type_of(value)
        return {kind: getattr(self, '_serialize_' + kind.lower())(value)}

    def _type_of(self, value):
        if value is None:
            return NULL
        if isinstance(value, bool):
            return BOOLEAN
        if _is_number(value):
            return NUMBER
        if isinstance(value, str):
            return STRING
        if _is_binary(value):
            return BINARY
        if isinstance(value, Set):
            items = list(value)
            if all(_is_number(v) for v in items):
                return NUMBER_SET
            if all(isinstance(v, str) for v in items):
                return STRING_SET
            if all(_is_binary(v) for v in items):
                return BINARY_SET
        if isinstance(value, Mapping):
            return MAP
        if isinstance(value, (list, tuple)):
            return LIST
        raise TypeError('Unsupported type "%s" for value "%s"' % (type(value), value))

    def _serialize_null(self, value):
        return True

    def _serialize_bool(self, value):
        return value

    def _serialize_n(self, value):
        number = str(DYNAMODB_CONTEXT.create_decimal(value))
        if number in ('Infinity', 'NaN'):
            raise TypeError('Infinity and NaN not supported')
        return number

    def _serialize_s(self, value):
        return value

    def _serialize_b(self, value):
        return value.value if isinstance(value, Binary) else value

    def _serialize_ss(self, value):
        return [self._serialize_s(v) for v in value]

    def _serialize_ns(self, value):
        return [self._serialize_n(v) for v in value]

    def _serialize_bs(self, value):
        return [self._serialize_b(v) for v in value]

    def _serialize_l(self, value):
        return [self.serialize(v) for v in value]

    def _serialize_m(self, value):
        return {k: self.serialize(v) for k, v in value.items()}


class TypeDeserializer:
    """DynamoDB attribute value -> Python value (numbers as Decimal)."""

    def deserialize(self, value):
        if not value:
            raise TypeError('Value must be a nonempty dictionary whose key is a valid dynamodb type.')
        kind = list(value.keys())[0]
        method = getattr(self, '_deserialize_' + kind.lower(), None)
        if method is None:
            raise TypeError('Dynamodb type %s is not supported' % kind)
        return method(value[kind])

    def _deserialize_null(self, value):
        return None

    def _deserialize_bool(self, value):
        return value

    def _deserialize_n(self, value):
        return DYNAMODB_CONTEXT.create_decimal(value)

    def _deserialize_s(self, value):
        return value

    def _deserialize_b(self, value):
        return Binary(value)

    def _deserialize_ns(self, value):
        return set(self._deserialize_n(v) for v in value)

    def _deserialize_ss(self, value):
        return set(value)

    def _deserialize_bs(self, value):
        return set(self._deserialize_b(v) for v in value)

    def _deserialize_l(self, value):
        return [self.deserialize(v) for v in value]

    def _deserialize_m(self, value):
        return {k: self.deserialize(v) for k, v in value.items()}
`,
  'boto3/resources/__init__.py': String.raw`"""Resources of the simulated boto3 (Lambda Triage): DynamoDB Table and a few S3 objects."""
`,
  'boto3/resources/action.py': String.raw`"""The call a resource action makes (simulated boto3, Lambda Triage).

Written as boto3/resources/action.py's ServiceAction.__call__ is written, so a traceback through a Table method
reads as on Lambda: in __call__, response = getattr(parent.meta.client, operation_name)(*args, **params).
"""


class ServiceAction:
    def __init__(self, operation_name, prepare, unpack):
        self._operation_name = operation_name
        self._prepare = prepare
        self._unpack = unpack

    def __call__(self, parent, *args, **kwargs):
        operation_name = self._operation_name
        params = self._prepare(parent, kwargs)
        response = getattr(parent.meta.client, operation_name)(*args, **params)
        return self._unpack(response)
`,
  'boto3/resources/factory.py': String.raw`"""Resource methods (simulated boto3, Lambda Triage).

Each method is a do_action that calls its ServiceAction, as boto3/resources/factory.py's _create_action builds
them, so a traceback reads as on Lambda: in do_action, response = action(self, *args, **kwargs).
"""

from boto3.resources.action import ServiceAction


def create_action(operation_name, prepare, unpack, name=None):
    action = ServiceAction(operation_name, prepare, unpack)

    def do_action(self, *args, **kwargs):
        response = action(self, *args, **kwargs)
        return response

    do_action.__name__ = name or operation_name
    return do_action
`,
  'boto3/resources/simulated.py': String.raw`"""Resources of the simulated boto3 (Lambda Triage): boto3.resource('dynamodb').Table(name) and a few S3 objects.

Table methods convert between Python values and DynamoDB's typed attributes with TypeSerializer and
TypeDeserializer, and accept Key()/Attr() conditions, as boto3's DynamoDB customizations do
(https://boto3.amazonaws.com/v1/documentation/api/latest/reference/customizations/dynamodb.html). Numbers come
back as decimal.Decimal. Any other resource, or another attribute of these, says plainly that the simulator
does not cover it (use boto3.client instead).
"""

from boto3.dynamodb.conditions import ConditionBase, ConditionExpressionBuilder
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from boto3.resources.factory import create_action
from botocore.exceptions import SimulatorUnsupportedOperation

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


def _unsupported(what):
    return SimulatorUnsupportedOperation(
        'The Lambda Triage simulator does not cover %s yet, so it cannot answer as AWS would. This is a gap of '
        'the simulator, not an error in your code: use boto3.client() for this call. Simulated clients and '
        'operations are listed in SIMULATION.md ("boto3").' % what
    )


class _ResourceMeta:
    def __init__(self, client, service):
        self.client = client
        self.service_name = service


class _Unsupported:
    _label = 'this resource'

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        raise _unsupported('%s.%s' % (self._label, name))


def _ser_map(value):
    return {k: _serializer.serialize(v) for k, v in value.items()}


def _deser_map(value):
    return {k: _deserializer.deserialize(v) for k, v in value.items()}


def _prepare(kwargs, table_name):
    """Serialize a Table call's input: keys, items, attribute values, and Key()/Attr() conditions."""
    params = dict(kwargs)
    params['TableName'] = table_name
    for field in ('Key', 'Item', 'ExclusiveStartKey'):
        if isinstance(params.get(field), dict):
            params[field] = _ser_map(params[field])
    if isinstance(params.get('ExpressionAttributeValues'), dict):
        params['ExpressionAttributeValues'] = _ser_map(params['ExpressionAttributeValues'])
    builder = ConditionExpressionBuilder()
    for field in ('KeyConditionExpression', 'FilterExpression', 'ConditionExpression'):
        condition = params.get(field)
        if isinstance(condition, ConditionBase):
            is_key = field == 'KeyConditionExpression'
            expression, names, values = builder.build_expression(condition, is_key_condition=is_key)
            if is_key and condition.expression_format == '({0} AND {1})':
                # boto3 sends "(a AND b)"; DynamoDB reads it either way, the simulator's key-condition parser
                # only without the outer parentheses.
                expression = expression[1:-1]
            params[field] = expression
            if names:
                params.setdefault('ExpressionAttributeNames', {}).update(names)
            if values:
                params.setdefault('ExpressionAttributeValues', {}).update(_ser_map(values))
    return params


def _prepare_for_table(table, kwargs):
    return _prepare(kwargs, table.name)


def _prepare_for_object(obj, kwargs):
    params = dict(kwargs)
    params['Bucket'] = obj.bucket_name
    params['Key'] = obj.key
    return params


def _same(response):
    return response


def _unpack(response):
    for field in ('Item', 'Attributes', 'LastEvaluatedKey'):
        if isinstance(response.get(field), dict):
            response[field] = _deser_map(response[field])
    if isinstance(response.get('Items'), list):
        response['Items'] = [_deser_map(i) for i in response['Items']]
    return response


class Table(_Unsupported):
    """dynamodb.Table(name): get_item, put_item, update_item, delete_item, query, scan, batch_writer."""

    def __init__(self, name, client):
        self.name = name
        self.table_name = name
        self.meta = _ResourceMeta(client, 'dynamodb')
        self._label = "boto3.resource('dynamodb').Table(%r)" % name

    def __repr__(self):
        return "dynamodb.Table(name='%s')" % self.name

    # Each method goes through boto3's own two frames (factory.py do_action, action.py __call__), then the client.
    get_item = create_action('get_item', _prepare_for_table, _unpack)
    put_item = create_action('put_item', _prepare_for_table, _unpack)
    update_item = create_action('update_item', _prepare_for_table, _unpack)
    delete_item = create_action('delete_item', _prepare_for_table, _unpack)
    query = create_action('query', _prepare_for_table, _unpack)
    scan = create_action('scan', _prepare_for_table, _unpack)

    def batch_writer(self, overwrite_by_pkeys=None):
        return BatchWriter(self)


# BatchWriteItem takes at most 25 put or delete requests
# (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html).
MAX_BATCH_WRITE_ITEMS = 25


class BatchWriter:
    """with table.batch_writer() as batch: batch.put_item(Item=...): buffered BatchWriteItem calls of 25."""

    def __init__(self, table):
        self._table = table
        self._buffer = []

    def put_item(self, Item):
        self._buffer.append({'PutRequest': {'Item': _ser_map(Item)}})
        self._flush_if_full()

    def delete_item(self, Key):
        self._buffer.append({'DeleteRequest': {'Key': _ser_map(Key)}})
        self._flush_if_full()

    def _flush_if_full(self):
        if len(self._buffer) >= MAX_BATCH_WRITE_ITEMS:
            self._flush()

    def _flush(self):
        while self._buffer:
            batch, self._buffer = self._buffer[:MAX_BATCH_WRITE_ITEMS], self._buffer[MAX_BATCH_WRITE_ITEMS:]
            response = self._table.meta.client.batch_write_item(RequestItems={self._table.name: batch})
            self._buffer.extend(response.get('UnprocessedItems', {}).get(self._table.name, []))

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self._flush()
        return False


class DynamoDBResource(_Unsupported):
    def __init__(self, client):
        self.meta = _ResourceMeta(client, 'dynamodb')
        self._label = "boto3.resource('dynamodb')"

    def Table(self, name):
        return Table(name, self.meta.client)


def _s3_inject():
    from boto3.s3 import inject

    return inject


class S3Object(_Unsupported):
    """s3.Object(bucket, key): get(), put(Body=...), delete(), upload_file/download_file/upload_fileobj/download_fileobj."""

    def __init__(self, bucket_name, key, client):
        self.bucket_name = bucket_name
        self.key = key
        self.meta = _ResourceMeta(client, 's3')
        self._label = "boto3.resource('s3').Object"

    # Through boto3's own two frames (factory.py do_action, action.py __call__), as Table methods.
    get = create_action('get_object', _prepare_for_object, _same, 'get')
    put = create_action('put_object', _prepare_for_object, _same, 'put')
    delete = create_action('delete_object', _prepare_for_object, _same, 'delete')

    # Managed transfers (boto3/s3/inject.py object_*): the client's, with this object's bucket and key.
    def upload_file(self, Filename, ExtraArgs=None, Callback=None, Config=None):
        return _s3_inject().object_upload_file(self, Filename, ExtraArgs, Callback, Config)

    def download_file(self, Filename, ExtraArgs=None, Callback=None, Config=None):
        return _s3_inject().object_download_file(self, Filename, ExtraArgs, Callback, Config)

    def upload_fileobj(self, Fileobj, ExtraArgs=None, Callback=None, Config=None):
        return _s3_inject().object_upload_fileobj(self, Fileobj, ExtraArgs, Callback, Config)

    def download_fileobj(self, Fileobj, ExtraArgs=None, Callback=None, Config=None):
        return _s3_inject().object_download_fileobj(self, Fileobj, ExtraArgs, Callback, Config)


class S3Bucket(_Unsupported):
    """s3.Bucket(name): put_object(Key=..., Body=...), Object(key), upload_file/download_file/upload_fileobj/download_fileobj."""

    def __init__(self, name, client):
        self.name = name
        self.meta = _ResourceMeta(client, 's3')
        self._label = "boto3.resource('s3').Bucket"

    def put_object(self, **kwargs):
        self.meta.client.put_object(Bucket=self.name, **kwargs)
        return S3Object(self.name, kwargs.get('Key'), self.meta.client)

    def Object(self, key):
        return S3Object(self.name, key, self.meta.client)

    # Managed transfers (boto3/s3/inject.py bucket_*): the client's, with this bucket.
    def upload_file(self, Filename, Key, ExtraArgs=None, Callback=None, Config=None):
        return _s3_inject().bucket_upload_file(self, Filename, Key, ExtraArgs, Callback, Config)

    def download_file(self, Key, Filename, ExtraArgs=None, Callback=None, Config=None):
        return _s3_inject().bucket_download_file(self, Key, Filename, ExtraArgs, Callback, Config)

    def upload_fileobj(self, Fileobj, Key, ExtraArgs=None, Callback=None, Config=None):
        return _s3_inject().bucket_upload_fileobj(self, Fileobj, Key, ExtraArgs, Callback, Config)

    def download_fileobj(self, Key, Fileobj, ExtraArgs=None, Callback=None, Config=None):
        return _s3_inject().bucket_download_fileobj(self, Key, Fileobj, ExtraArgs, Callback, Config)


class S3Resource(_Unsupported):
    def __init__(self, client):
        self.meta = _ResourceMeta(client, 's3')
        self._label = "boto3.resource('s3')"

    def Object(self, bucket_name, key):
        return S3Object(bucket_name, key, self.meta.client)

    def Bucket(self, name):
        return S3Bucket(name, self.meta.client)


def create_resource(service_name, client):
    if service_name == 'dynamodb':
        return DynamoDBResource(client)
    if service_name == 's3':
        return S3Resource(client)
    raise _unsupported("boto3.resource('%s')" % service_name)
`,
  'boto3/exceptions.py': String.raw`"""boto3.exceptions in the simulated boto3 (Lambda Triage): the classes the simulated S3 transfers raise, with
boto3's names and bases (boto3/exceptions.py, https://github.com/boto/boto3/blob/develop/boto3/exceptions.py)."""


class Boto3Error(Exception):
    """Base class for all Boto3 errors."""


class RetriesExceededError(Boto3Error):
    def __init__(self, last_exception, msg='Max Retries Exceeded'):
        super().__init__(msg)
        self.last_exception = last_exception


class S3TransferFailedError(Boto3Error):
    pass


class S3UploadFailedError(Boto3Error):
    pass
`,
  'boto3/s3/__init__.py': String.raw`"""S3 helpers of the simulated boto3 (Lambda Triage): managed transfers (boto3.s3.transfer, boto3.s3.inject)."""
`,
  'boto3/s3/transfer.py': String.raw`"""Managed S3 transfers of the simulated boto3 (Lambda Triage): TransferConfig, S3Transfer and the work behind the
upload_file / download_file / upload_fileobj / download_fileobj methods that boto3 adds to the S3 client, Bucket
and Object (boto3/s3/inject.py, boto3/s3/transfer.py, s3transfer/manager.py;
https://boto3.amazonaws.com/v1/documentation/api/latest/guide/s3-uploading-files.html).

What is kept from boto3 / s3transfer:
- an upload is a PutObject with ExtraArgs as its extra parameters; ExtraArgs keys are checked against
  ALLOWED_UPLOAD_ARGS / ALLOWED_DOWNLOAD_ARGS with s3transfer's ValueError text (s3transfer 0.17);
- upload_file turns a ClientError into S3UploadFailedError("Failed to upload <file> to <bucket>/<key>: <error>")
  (boto3/s3/transfer.py S3Transfer.upload_file); upload_fileobj raises the ClientError itself;
- a download does HeadObject first (s3transfer/download.py DownloadSubmissionTask), so a missing key is
  "An error occurred (404) when calling the HeadObject operation: Not Found", then GetObject;
- download_file writes to "<file>.<8 hex digits>" and renames it into place (s3transfer DownloadFilenameOutputManager);
- Callback gets byte counts: 1 MiB per read of an upload body (botocore AwsChunkedWrapper), io_chunksize (256 KiB)
  per write of a download; nothing for an empty object.
What is not: above multipart_threshold (8 MiB) real boto3 sends CreateMultipartUpload / UploadPart /
CompleteMultipartUpload (and ranged GetObjects for downloads, in threads); the simulated world has no multipart
operations, so every upload is one PutObject and every download one GetObject. IAM is the same (the multipart
operations need s3:PutObject), but the number of calls, their latencies and faults differ for large objects.
"""

import os
import random
import string

from boto3.exceptions import RetriesExceededError, S3UploadFailedError  # noqa: F401 (as boto3 exports them)
from botocore.exceptions import ClientError

KB = 1024
MB = KB * KB

# s3transfer/manager.py TransferManager.ALLOWED_DOWNLOAD_ARGS / ALLOWED_UPLOAD_ARGS (s3transfer 0.17.0).
ALLOWED_DOWNLOAD_ARGS = ['ChecksumMode', 'VersionId', 'SSECustomerAlgorithm', 'SSECustomerKey', 'SSECustomerKeyMD5', 'RequestPayer', 'ExpectedBucketOwner']
ALLOWED_UPLOAD_ARGS = ['ACL', 'CacheControl', 'ChecksumAlgorithm', 'ContentDisposition', 'ContentEncoding', 'ContentLanguage', 'ContentType', 'ExpectedBucketOwner', 'Expires', 'GrantFullControl', 'GrantRead', 'GrantReadACP', 'GrantWriteACP', 'Metadata', 'ObjectLockLegalHoldStatus', 'ObjectLockMode', 'ObjectLockRetainUntilDate', 'RequestPayer', 'ServerSideEncryption', 'StorageClass', 'SSECustomerAlgorithm', 'SSECustomerKey', 'SSECustomerKeyMD5', 'SSEKMSKeyId', 'SSEKMSEncryptionContext', 'Tagging', 'WebsiteRedirectLocation', 'ChecksumType', 'MpuObjectSize', 'ChecksumCRC32', 'ChecksumCRC32C', 'ChecksumCRC64NVME', 'ChecksumMD5', 'ChecksumSHA1', 'ChecksumSHA256', 'ChecksumSHA512', 'ChecksumXXHASH3', 'ChecksumXXHASH64', 'ChecksumXXHASH128']

# botocore/httpchecksum.py AwsChunkedWrapper._DEFAULT_CHUNK_SIZE: the upload body is read (and Callback told) by 1 MiB.
_UPLOAD_READ_SIZE = 1 * MB


class TransferConfig:
    """boto3.s3.transfer.TransferConfig: kept for its io_chunksize (download Callback granularity); the other
    options (thresholds, concurrency, threads, bandwidth) do not change the simulated transfer."""

    ALIAS = {'max_concurrency': 'max_request_concurrency', 'max_io_queue': 'max_io_queue_size'}

    def __init__(self, multipart_threshold=None, max_concurrency=None, multipart_chunksize=None,
                 num_download_attempts=None, max_io_queue=None, io_chunksize=None, use_threads=None,
                 max_bandwidth=None, preferred_transfer_client=None):
        self.multipart_threshold = 8 * MB if multipart_threshold is None else multipart_threshold
        self.max_request_concurrency = 10 if max_concurrency is None else max_concurrency
        self.multipart_chunksize = 8 * MB if multipart_chunksize is None else multipart_chunksize
        self.num_download_attempts = 5 if num_download_attempts is None else num_download_attempts
        self.max_io_queue_size = 100 if max_io_queue is None else max_io_queue
        self.io_chunksize = 256 * KB if io_chunksize is None else io_chunksize
        self.use_threads = True if use_threads is None else use_threads
        self.max_bandwidth = max_bandwidth
        self.preferred_transfer_client = 'auto' if preferred_transfer_client is None else preferred_transfer_client

    def __setattr__(self, name, value):
        super().__setattr__(self.ALIAS.get(name, name), value)

    def __getattr__(self, name):
        if name in TransferConfig.ALIAS:
            return getattr(self, TransferConfig.ALIAS[name])
        raise AttributeError(name)


def _validate_all_known_args(actual, allowed):
    # s3transfer/manager.py TransferManager._validate_all_known_args
    for kwarg in actual:
        if kwarg not in allowed:
            raise ValueError("Invalid extra_args key '%s', must be one of: %s" % (kwarg, ', '.join(allowed)))


def _read_all(fileobj):
    parts = []
    while True:
        chunk = fileobj.read(_UPLOAD_READ_SIZE)
        if isinstance(chunk, str):
            # What s3transfer's bytes handling says of a text-mode file object.
            raise TypeError("a bytes-like object is required, not 'str'")
        if not chunk:
            break
        parts.append(bytes(chunk))
    return b''.join(parts)


def upload_fileobj(client, fileobj, bucket, key, extra_args=None, callback=None, config=None):
    """One PutObject with the whole body (see the module docstring for what real boto3 does above 8 MiB)."""
    extra_args = dict(extra_args or {})
    _validate_all_known_args(extra_args, ALLOWED_UPLOAD_ARGS)
    data = _read_all(fileobj)
    client.put_object(Bucket=bucket, Key=key, Body=data, **extra_args)
    if callback is not None:
        for start in range(0, len(data), _UPLOAD_READ_SIZE):
            callback(min(_UPLOAD_READ_SIZE, len(data) - start))
    return None


def upload_file(client, filename, bucket, key, extra_args=None, callback=None, config=None):
    if isinstance(filename, os.PathLike):
        filename = os.fspath(filename)
    if not isinstance(filename, str):
        raise ValueError('Filename must be a string or a path-like object')
    _validate_all_known_args(dict(extra_args or {}), ALLOWED_UPLOAD_ARGS)
    try:
        with open(filename, 'rb') as f:
            upload_fileobj(client, f, bucket, key, extra_args, callback, config)
    except ClientError as e:
        # boto3/s3/transfer.py S3Transfer.upload_file: the backwards-compatible wrapper of any ClientError.
        raise S3UploadFailedError('Failed to upload %s to %s/%s: %s' % (filename, bucket, key, e))
    return None


def download_fileobj(client, bucket, key, fileobj, extra_args=None, callback=None, config=None, _open=None):
    """HeadObject, then one GetObject whose body is written in io_chunksize pieces."""
    extra_args = dict(extra_args or {})
    _validate_all_known_args(extra_args, ALLOWED_DOWNLOAD_ARGS)
    client.head_object(Bucket=bucket, Key=key, **extra_args)
    body = client.get_object(Bucket=bucket, Key=key, **extra_args)['Body']
    if _open is not None:
        fileobj = _open()
    chunk_size = getattr(config, 'io_chunksize', None) or 256 * KB
    for chunk in body.iter_chunks(chunk_size):
        fileobj.write(chunk)
        if callback is not None:
            callback(len(chunk))
    return None


def _random_file_extension(num_digits=8):
    # s3transfer/utils.py random_file_extension
    return ''.join(random.choice(string.hexdigits) for _ in range(num_digits))


def download_file(client, bucket, key, filename, extra_args=None, callback=None, config=None):
    if isinstance(filename, os.PathLike):
        filename = os.fspath(filename)
    if not isinstance(filename, str):
        raise ValueError('Filename must be a string or a path-like object')
    temp = filename + '.' + _random_file_extension()
    opened = []

    def _open():
        opened.append(open(temp, 'wb'))
        return opened[0]

    try:
        download_fileobj(client, bucket, key, None, extra_args, callback, config, _open=_open)
        for f in opened:
            f.close()
        os.replace(temp, filename)
    except BaseException:
        for f in opened:
            f.close()
        if opened and os.path.exists(temp):
            os.remove(temp)
        raise
    return None


class S3Transfer:
    """boto3.s3.transfer.S3Transfer(client, config): upload_file and download_file, as the injected methods."""

    ALLOWED_DOWNLOAD_ARGS = ALLOWED_DOWNLOAD_ARGS
    ALLOWED_UPLOAD_ARGS = ALLOWED_UPLOAD_ARGS

    def __init__(self, client=None, config=None, osutil=None, manager=None):
        if client is None:
            raise ValueError('Either a boto3.Client or s3transfer.manager.TransferManager must be provided')
        self._client = client
        self._config = config if config is not None else TransferConfig()

    def upload_file(self, filename, bucket, key, callback=None, extra_args=None):
        return upload_file(self._client, filename, bucket, key, extra_args, callback, self._config)

    def download_file(self, bucket, key, filename, extra_args=None, callback=None):
        return download_file(self._client, bucket, key, filename, extra_args, callback, self._config)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False
`,
  'boto3/s3/inject.py': String.raw`"""The methods boto3 adds to the S3 client, Bucket and Object (boto3/s3/inject.py), with boto3's signatures:
client.upload_file(Filename, Bucket, Key, ExtraArgs=None, Callback=None, Config=None), download_file(Bucket, Key,
Filename, ...), upload_fileobj(Fileobj, Bucket, Key, ...), download_fileobj(Bucket, Key, Fileobj, ...)
(https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/s3/client/upload_fileobj.html).
The work is in boto3.s3.transfer."""

from boto3.s3 import transfer as _transfer


def upload_file(self, Filename, Bucket, Key, ExtraArgs=None, Callback=None, Config=None):
    """Upload a file to an S3 object (one simulated PutObject)."""
    return _transfer.upload_file(self, Filename, Bucket, Key, ExtraArgs, Callback, Config)


def download_file(self, Bucket, Key, Filename, ExtraArgs=None, Callback=None, Config=None):
    """Download an S3 object to a file (simulated HeadObject, then GetObject)."""
    return _transfer.download_file(self, Bucket, Key, Filename, ExtraArgs, Callback, Config)


def upload_fileobj(self, Fileobj, Bucket, Key, ExtraArgs=None, Callback=None, Config=None):
    """Upload a file-like object (opened in binary mode) to an S3 object (one simulated PutObject)."""
    if not hasattr(Fileobj, 'read'):
        raise ValueError('Fileobj must implement read')
    return _transfer.upload_fileobj(self, Fileobj, Bucket, Key, ExtraArgs, Callback, Config)


def download_fileobj(self, Bucket, Key, Fileobj, ExtraArgs=None, Callback=None, Config=None):
    """Download an S3 object into a writable binary file-like object (simulated HeadObject, then GetObject)."""
    if not hasattr(Fileobj, 'write'):
        raise ValueError('Fileobj must implement write')
    return _transfer.download_fileobj(self, Bucket, Key, Fileobj, ExtraArgs, Callback, Config)


def bucket_upload_file(self, Filename, Key, ExtraArgs=None, Callback=None, Config=None):
    return self.meta.client.upload_file(Filename=Filename, Bucket=self.name, Key=Key, ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def bucket_download_file(self, Key, Filename, ExtraArgs=None, Callback=None, Config=None):
    return self.meta.client.download_file(Bucket=self.name, Key=Key, Filename=Filename, ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def bucket_upload_fileobj(self, Fileobj, Key, ExtraArgs=None, Callback=None, Config=None):
    return self.meta.client.upload_fileobj(Fileobj=Fileobj, Bucket=self.name, Key=Key, ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def bucket_download_fileobj(self, Key, Fileobj, ExtraArgs=None, Callback=None, Config=None):
    return self.meta.client.download_fileobj(Bucket=self.name, Key=Key, Fileobj=Fileobj, ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def object_upload_file(self, Filename, ExtraArgs=None, Callback=None, Config=None):
    return self.meta.client.upload_file(Filename=Filename, Bucket=self.bucket_name, Key=self.key, ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def object_download_file(self, Filename, ExtraArgs=None, Callback=None, Config=None):
    return self.meta.client.download_file(Bucket=self.bucket_name, Key=self.key, Filename=Filename, ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def object_upload_fileobj(self, Fileobj, ExtraArgs=None, Callback=None, Config=None):
    return self.meta.client.upload_fileobj(Fileobj=Fileobj, Bucket=self.bucket_name, Key=self.key, ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def object_download_fileobj(self, Fileobj, ExtraArgs=None, Callback=None, Config=None):
    return self.meta.client.download_fileobj(Bucket=self.bucket_name, Key=self.key, Fileobj=Fileobj, ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def inject_s3_transfer_methods(client):
    """Give an S3 client the four transfer methods, on a subclass of its class (boto3 adds them to the
    generated S3 client class; other services' clients do not have them)."""
    cls = type(client)
    client.__class__ = type(cls.__name__, (cls,), {
        'upload_file': upload_file, 'download_file': download_file,
        'upload_fileobj': upload_fileobj, 'download_fileobj': download_fileobj,
    })
    return client
`,
  'boto3/session.py': String.raw`"""boto3.session.Session in the simulated boto3 (Lambda Triage). Credentials passed here are accepted and
ignored: every call acts as the function's execution role, as the simulated world decides."""

import os

from botocore.client import create_client
from botocore.exceptions import SimulatorUnsupportedOperation


class Session:
    """A session: region_name, client(), resource()."""

    def __init__(self, aws_access_key_id=None, aws_secret_access_key=None, aws_session_token=None,
                 region_name=None, botocore_session=None, profile_name=None, aws_account_id=None):
        self._region_name = region_name
        self.profile_name = profile_name or 'default'
        self._explicit_keys = (aws_access_key_id, aws_secret_access_key, aws_session_token) if aws_access_key_id and aws_secret_access_key else None

    def get_credentials(self):
        """The keys calls are signed with: those passed to the session, else the environment's (on Lambda, the execution
        role's: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), as botocore's chain finds them
        (https://boto3.amazonaws.com/v1/documentation/api/latest/guide/credentials.html). None when neither has them."""
        from botocore.credentials import Credentials

        if self._explicit_keys:
            return Credentials(*self._explicit_keys, method='explicit')
        key, secret = os.environ.get('AWS_ACCESS_KEY_ID'), os.environ.get('AWS_SECRET_ACCESS_KEY')
        if not key or not secret:
            return None
        return Credentials(key, secret, os.environ.get('AWS_SESSION_TOKEN'), method='env')

    @property
    def region_name(self):
        return self._region_name or os.environ.get('AWS_REGION') or os.environ.get('AWS_DEFAULT_REGION')

    def get_available_regions(self, service_name, partition_name='aws', allow_non_regional=False):
        raise SimulatorUnsupportedOperation(
            'The Lambda Triage simulator does not cover Session.get_available_regions yet. '
            'This is a gap of the simulator, not an error in your code.'
        )

    def client(self, service_name, region_name=None, api_version=None, use_ssl=True, verify=None,
               endpoint_url=None, aws_access_key_id=None, aws_secret_access_key=None,
               aws_session_token=None, config=None, aws_account_id=None):
        client = create_client(service_name, region_name or self._region_name, config, endpoint_url)
        if service_name == 's3':
            # boto3 adds upload_file, download_file, upload_fileobj, download_fileobj to S3 clients (boto3/s3/inject.py).
            from boto3.s3.inject import inject_s3_transfer_methods

            inject_s3_transfer_methods(client)
        return client

    def resource(self, service_name, region_name=None, api_version=None, use_ssl=True, verify=None,
                 endpoint_url=None, aws_access_key_id=None, aws_secret_access_key=None,
                 aws_session_token=None, config=None):
        from boto3.resources.simulated import create_resource

        client = self.client(service_name, region_name=region_name, endpoint_url=endpoint_url, config=config)
        return create_resource(service_name, client)
`,
  'botocore/__init__.py': String.raw`"""Lambda Triage's simulated botocore: a small stand-in for the core of the AWS SDK for Python, not botocore.

Lambda's Python runtimes ship boto3 and botocore (https://docs.aws.amazon.com/lambda/latest/dg/lambda-python.html).
This package keeps the parts a handler touches (clients, ClientError, Config, StreamingBody) and sends every API
call to the simulator's AWS world through the host module _lambda_triage_host, so state, faults and the IAM
evaluator apply and nothing reaches the network. What it covers is listed in SIMULATION.md ("boto3").
"""

__version__ = '0.0.0+lambda-triage'
`,
  'botocore/client.py': String.raw`"""Clients of the simulated botocore (Lambda Triage). Not botocore: every API call goes to the simulator's AWS
world through the host module _lambda_triage_host, one host call per attempt:

- call('aws', payload) answers {"result": {...}, "latencyMs"} | {"error": {...}, "latencyMs"} | {"hang": true, "label"};
- wait_ms(ms) lets the call's latency pass on the virtual clock (results and errors alike);
- hang(label) never returns: the invocation runs into its timeout with label in its pending work.

Behaviours kept from botocore (sources next to each):
- snake_case methods named after the API operations, keyword arguments only (botocore/client.py _create_api_method);
- required parameters checked before the call, "Parameter validation failed:\\nMissing required parameter in
  input: "Key"" (botocore/validate.py; required members from each service's service-2.json);
- errors as ClientError, or the service's modeled exception class found by error code (client.exceptions.NoSuchKey),
  with response['Error'] {'Code', 'Message'} and response['ResponseMetadata'] {'HTTPStatusCode', 'RequestId',
  'RetryAttempts'} (botocore/exceptions.py, botocore/errorfactory.py, botocore/parsers.py);
- retries: "legacy" mode by default (botocore/configprovider.py _DEFAULT_RETRY_MODE): 5 attempts, DynamoDB 10;
  delay rand() * 2 ** (attempts - 1) s, DynamoDB 0.05 * 2 ** (attempts - 1) s (botocore/data/_retry.json,
  botocore/retryhandler.py delay_exponential); "standard" mode (retries={'mode': 'standard'} or AWS_RETRY_MODE):
  3 attempts, delay rand() * min(2 ** (attempts - 1), 20) s (botocore/retries/standard.py). The retry quota of
  standard mode is not simulated;
- read_timeout (default 60 s, botocore/endpoint.py DEFAULT_TIMEOUT): a call that has not answered by then raises
  ReadTimeoutError, which both modes retry.
"""

import base64
import datetime
import json
import os
import random

from botocore import exceptions as _exceptions
from botocore.config import DEFAULT_TIMEOUT, Config
from botocore.exceptions import ClientError
from botocore.response import StreamingBody

# The operations the simulator's world answers (src/engine/aws/operations.ts OPERATIONS); any other operation
# still goes to the world, which answers that the simulator does not cover it.
SIMULATED_OPERATIONS = {
    's3': ['GetObject', 'PutObject', 'HeadObject', 'ListObjects', 'ListObjectsV2', 'DeleteObject', 'CopyObject'],
    'dynamodb': ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem', 'TransactWriteItems', 'TransactGetItems'],
    'sqs': ['SendMessage', 'SendMessageBatch', 'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'GetQueueUrl'],
    'sns': ['Publish'],
    'secretsmanager': ['GetSecretValue'],
    'ssm': ['GetParameter', 'GetParameters', 'GetParametersByPath'],
    'lambda': ['Invoke', 'GetAccountSettings'],
    'events': ['PutEvents'],
    'bedrock-runtime': ['Converse', 'InvokeModel'],
}

# Required input members of the simulated operations ("required" of each input shape in botocore/data/<service>/*/service-2.json).
REQUIRED_PARAMS = {
    'GetObject': ['Bucket', 'Key'], 'PutObject': ['Bucket', 'Key'], 'HeadObject': ['Bucket', 'Key'],
    'ListObjects': ['Bucket'], 'ListObjectsV2': ['Bucket'], 'DeleteObject': ['Bucket', 'Key'],
    'CopyObject': ['Bucket', 'CopySource', 'Key'],
    'GetItem': ['TableName', 'Key'], 'PutItem': ['TableName', 'Item'], 'UpdateItem': ['TableName', 'Key'],
    'DeleteItem': ['TableName', 'Key'], 'Query': ['TableName'], 'Scan': ['TableName'],
    'BatchGetItem': ['RequestItems'], 'BatchWriteItem': ['RequestItems'],
    'TransactWriteItems': ['TransactItems'], 'TransactGetItems': ['TransactItems'],
    'SendMessage': ['QueueUrl', 'MessageBody'], 'SendMessageBatch': ['QueueUrl', 'Entries'],
    'ReceiveMessage': ['QueueUrl'], 'DeleteMessage': ['QueueUrl', 'ReceiptHandle'],
    'DeleteMessageBatch': ['QueueUrl', 'Entries'], 'GetQueueUrl': ['QueueName'],
    'Publish': ['Message'], 'GetSecretValue': ['SecretId'],
    'GetParameter': ['Name'], 'GetParameters': ['Names'], 'GetParametersByPath': ['Path'],
    'Invoke': ['FunctionName'], 'PutEvents': ['Entries'],
    'Converse': ['modelId'], 'InvokeModel': ['modelId'],
}

# Modeled exceptions (shapes with "exception": true in each service-2.json) that the simulated world can answer.
# S3's model gained an AccessDenied shape only recently; public Lambda captures show a plain ClientError for S3's
# AccessDenied (DataDog/datadog-serverless-functions#520, amazon-connect/amazon-connect-salesforce-lambda#37), so it
# stays unmodeled here (which botocore today's runtimes bundle: UNVERIFIED).
MODELED_ERRORS = {
    's3': ['NoSuchKey', 'NoSuchBucket', 'InvalidObjectState', 'NoSuchUpload', 'BucketAlreadyExists', 'BucketAlreadyOwnedByYou'],
    'dynamodb': ['ConditionalCheckFailedException', 'ResourceNotFoundException', 'ProvisionedThroughputExceededException', 'TransactionCanceledException', 'TransactionConflictException', 'TransactionInProgressException', 'ItemCollectionSizeLimitExceededException', 'RequestLimitExceeded', 'ThrottlingException', 'InternalServerError', 'LimitExceededException', 'ResourceInUseException'],
    'sqs': ['QueueDoesNotExist', 'RequestThrottled', 'ReceiptHandleIsInvalid', 'InvalidMessageContents', 'TooManyEntriesInBatchRequest', 'EmptyBatchRequest', 'BatchEntryIdsNotDistinct', 'InvalidAddress', 'InvalidSecurity', 'OverLimit', 'ResourceNotFoundException', 'UnsupportedOperation'],
    'sns': ['AuthorizationErrorException', 'NotFoundException', 'InvalidParameterException', 'InvalidParameterValueException', 'ThrottledException', 'InternalErrorException', 'KMSAccessDeniedException'],
    'secretsmanager': ['ResourceNotFoundException', 'DecryptionFailure', 'InternalServiceError', 'InvalidParameterException', 'InvalidRequestException'],
    'ssm': ['ParameterNotFound', 'ParameterVersionNotFound', 'InvalidKeyId', 'InternalServerError', 'AccessDeniedException', 'InvalidFilterKey', 'InvalidNextToken'],
    'lambda': ['ResourceNotFoundException', 'TooManyRequestsException', 'InvalidParameterValueException', 'InvalidRequestContentException', 'RequestTooLargeException', 'ServiceException', 'KMSAccessDeniedException', 'ResourceConflictException'],
    'events': ['AccessDeniedException', 'InternalException', 'ResourceNotFoundException', 'ThrottlingException', 'LimitExceededException'],
    'bedrock-runtime': ['AccessDeniedException', 'ValidationException', 'ThrottlingException', 'ModelTimeoutException', 'ModelErrorException', 'ModelNotReadyException', 'ResourceNotFoundException', 'ServiceQuotaExceededException', 'ServiceUnavailableException', 'InternalServerException'],
}

# Members of the modeled error shapes above (botocore/data/<service>/*/service-2.json), for the shapes that have
# members. botocore adds the members found in the error body to the top of ClientError.response
# (botocore/endpoint.py _add_modeled_error_fields, botocore/parsers.py _do_modeled_error_parse), so for the JSON
# protocols response['message'] (or 'Message') repeats the error message and Lambda's TooManyRequestsException
# carries 'Reason' and 'Type'. SNS (query protocol) finds none: its members are not at the root of the XML body.
MODELED_ERROR_MEMBERS = {
    's3': {'InvalidObjectState': ['StorageClass', 'AccessTier']},
    'dynamodb': {'ConditionalCheckFailedException': ['message', 'Item'], 'InternalServerError': ['message'], 'ItemCollectionSizeLimitExceededException': ['message'], 'LimitExceededException': ['message'], 'ProvisionedThroughputExceededException': ['message', 'ThrottlingReasons'], 'RequestLimitExceeded': ['message', 'ThrottlingReasons'], 'ResourceInUseException': ['message'], 'ResourceNotFoundException': ['message'], 'ThrottlingException': ['message', 'throttlingReasons'], 'TransactionCanceledException': ['Message', 'CancellationReasons'], 'TransactionConflictException': ['message'], 'TransactionInProgressException': ['Message']},
    'sqs': {name: ['message'] for name in ['BatchEntryIdsNotDistinct', 'EmptyBatchRequest', 'InvalidAddress', 'InvalidMessageContents', 'InvalidSecurity', 'OverLimit', 'QueueDoesNotExist', 'ReceiptHandleIsInvalid', 'RequestThrottled', 'ResourceNotFoundException', 'TooManyEntriesInBatchRequest', 'UnsupportedOperation']},
    'secretsmanager': {name: ['Message'] for name in ['DecryptionFailure', 'InternalServiceError', 'InvalidParameterException', 'InvalidRequestException', 'ResourceNotFoundException']},
    'ssm': {'AccessDeniedException': ['Message'], 'InternalServerError': ['Message'], 'InvalidKeyId': ['message'], 'InvalidNextToken': ['Message'], 'ParameterNotFound': ['message'], 'ParameterVersionNotFound': ['message']},
    # https://docs.aws.amazon.com/botocore/latest/reference/services/bedrock-runtime/client/exceptions/ValidationException.html
    # (and the other exceptions' pages): {'message': 'string', 'Error': {...}}.
    'bedrock-runtime': {name: ['message'] for name in ['AccessDeniedException', 'ValidationException', 'ThrottlingException', 'ModelTimeoutException', 'ModelNotReadyException', 'ResourceNotFoundException', 'ServiceQuotaExceededException', 'ServiceUnavailableException', 'InternalServerException']},
    'lambda': {'InvalidParameterValueException': ['Type', 'message'], 'InvalidRequestContentException': ['Type', 'message'], 'KMSAccessDeniedException': ['Type', 'Message'], 'RequestTooLargeException': ['Type', 'message'], 'ResourceConflictException': ['Type', 'message'], 'ResourceNotFoundException': ['Type', 'Message'], 'ServiceException': ['Type', 'Message'], 'TooManyRequestsException': ['retryAfterSeconds', 'Type', 'message', 'Reason']},
}

# SNS speaks the query protocol: its error codes are the shapes' "error": {"code"} values, not the shape names
# (botocore/data/sns/2010-03-31/service-2.json: AuthorizationErrorException has code AuthorizationError,
# NotFoundException has code NotFound). The world answers with the shape names the JavaScript SDK uses.
ERROR_CODE_BY_NAME = {
    'sns': {'AuthorizationErrorException': 'AuthorizationError', 'NotFoundException': 'NotFound', 'InvalidParameterException': 'InvalidParameter', 'ThrottledException': 'Throttled', 'InternalErrorException': 'InternalError'},
}

# Class names of the clients as botocore prints them (the serviceId of each model without spaces).
CLIENT_CLASS_NAMES = {
    's3': 'S3', 'dynamodb': 'DynamoDB', 'sqs': 'SQS', 'sns': 'SNS', 'secretsmanager': 'SecretsManager',
    'ssm': 'SSM', 'lambda': 'Lambda', 'events': 'EventBridge', 'bedrock-runtime': 'BedrockRuntime',
}

# Error codes retried in legacy mode, by (code, HTTP status), and the statuses retried whatever the code
# (botocore/data/_retry.json "__default__" and per-service policies).
_LEGACY_RETRY_CODES = {
    '*': {('Throttling', 400), ('ThrottlingException', 400), ('ThrottledException', 400), ('RequestThrottledException', 400), ('ProvisionedThroughputExceededException', 400)},
    'dynamodb': {('ReplicatedWriteConflictException', 409), ('TransactionInProgressException', 400)},
    'sqs': {('RequestThrottled', 403)},
    's3': {('RequestTimeout', 400), ('BadDigest', 400)},
}
_LEGACY_RETRY_STATUSES = {429, 500, 502, 503, 504, 509}
# Standard mode (botocore/retries/standard.py: _THROTTLED_ERROR_CODES, _TRANSIENT_ERROR_CODES, _TRANSIENT_STATUS_CODES).
_STANDARD_THROTTLING_CODES = {'Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottledException', 'TooManyRequestsException', 'ProvisionedThroughputExceededException', 'TransactionInProgressException', 'RequestLimitExceeded', 'BandwidthLimitExceeded', 'LimitExceededException', 'RequestThrottled', 'SlowDown', 'PriorRequestNotComplete', 'EC2ThrottledException'}
_STANDARD_TRANSIENT_CODES = {'RequestTimeout', 'RequestTimeoutException', 'PriorRequestNotComplete'}
_STANDARD_TRANSIENT_STATUSES = {500, 502, 503, 504}
# botocore/retries/standard.py ExponentialBackoff._MAX_BACKOFF (seconds).
_STANDARD_MAX_BACKOFF = 20


def _host():
    import _lambda_triage_host

    return _lambda_triage_host


def pascal_operation(py_name):
    """get_object -> GetObject, list_objects_v2 -> ListObjectsV2."""
    return ''.join(part[:1].upper() + part[1:] for part in py_name.split('_'))


def snake_operation(operation):
    """GetObject -> get_object, ListObjectsV2 -> list_objects_v2."""
    out = ''
    for i, ch in enumerate(operation):
        if ch.isupper() and i > 0 and not operation[i - 1].isupper():
            out += '_'
        elif ch.isdigit() and i > 0 and not operation[i - 1].isdigit():
            out += '_'
        out += ch.lower()
    return out


def to_wire(value):
    """Python values to the world's JSON input: bytes as {"$bytes": base64}, datetimes as ISO text, sets as lists."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {'$bytes': base64.b64encode(bytes(value)).decode('ascii')}
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_wire(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_wire(v) for v in value]
    if hasattr(value, 'read') and callable(value.read):
        data = value.read()
        return to_wire(data.encode('utf-8') if isinstance(data, str) else data)
    if type(value).__name__ == 'Decimal':
        return str(value)
    return value


def from_wire(value):
    """The world's JSON output to Python values: bytes, StreamingBody for streams and blobs, aware UTC datetimes."""
    if isinstance(value, list):
        return [from_wire(v) for v in value]
    if isinstance(value, dict):
        if isinstance(value.get('$bytes'), str):
            return base64.b64decode(value['$bytes'])
        if isinstance(value.get('$stream'), str):
            return StreamingBody(base64.b64decode(value['$stream']))
        if isinstance(value.get('$blob'), str):
            return StreamingBody(base64.b64decode(value['$blob']))
        if isinstance(value.get('$date'), str):
            return datetime.datetime.fromisoformat(value['$date'].replace('Z', '+00:00'))
        return {k: from_wire(v) for k, v in value.items()}
    return value


class ClientExceptions:
    """client.exceptions: the service's modeled exceptions (subclasses of ClientError) and from_code()."""

    def __init__(self, service):
        self.ClientError = ClientError
        self._code_to_exception = {}
        codes = ERROR_CODE_BY_NAME.get(service, {})
        for name in MODELED_ERRORS.get(service, []):
            cls = type(name, (ClientError,), {'__module__': 'botocore.errorfactory'})
            setattr(self, name, cls)
            self._code_to_exception[codes.get(name, name)] = cls

    def from_code(self, error_code):
        return self._code_to_exception.get(error_code, ClientError)


class _ServiceModel:
    def __init__(self, service):
        self.service_name = service
        self.service_id = CLIENT_CLASS_NAMES.get(service, service)
        self.operation_names = list(SIMULATED_OPERATIONS.get(service, []))


class _EventHooks:
    """client.meta.events: register, register_first, register_last and unregister accept handlers, as botocore's
    HierarchicalEmitter does, so module code that adds a header before signing loads as on AWS. The handlers are
    kept but never called: the simulated client builds no HTTP request to hand them."""

    def __init__(self):
        self._handlers = []

    def register(self, event_name, handler, unique_id=None, unique_id_uses_count=False):
        self._handlers.append((event_name, handler))

    register_first = register
    register_last = register

    def unregister(self, event_name, handler=None, unique_id=None, unique_id_uses_count=False):
        self._handlers = [(e, h) for e, h in self._handlers if not (e == event_name and (handler is None or h == handler))]


class ClientMeta:
    """client.meta: region_name, config, endpoint_url, service_model.service_name, partition, events."""

    def __init__(self, service, region_name, config, endpoint_url):
        self.region_name = region_name
        self.config = config
        self.endpoint_url = endpoint_url
        self.partition = 'aws'
        self.service_model = _ServiceModel(service)
        self.events = _EventHooks()


class Paginator:
    """client.get_paginator(name).paginate(**kwargs): pages until the service stops giving a next token."""

    # input token, output token (botocore/data/<service>/*/paginators-1.json).
    TOKENS = {
        'ListObjectsV2': ('ContinuationToken', 'NextContinuationToken'),
        'ListObjects': ('Marker', 'NextMarker'),
        'Query': ('ExclusiveStartKey', 'LastEvaluatedKey'),
        'Scan': ('ExclusiveStartKey', 'LastEvaluatedKey'),
        'GetParametersByPath': ('NextToken', 'NextToken'),
    }

    def __init__(self, call, operation):
        self._call = call
        self._operation = operation

    def paginate(self, **kwargs):
        kwargs.pop('PaginationConfig', None)
        in_token, out_token = self.TOKENS[self._operation]
        params = dict(kwargs)
        while True:
            page = self._call(**params)
            yield page
            token = page.get(out_token)
            if token is None and self._operation == 'ListObjects' and page.get('IsTruncated') and page.get('Contents'):
                token = page['Contents'][-1]['Key']
            if not token:
                return
            params[in_token] = token


class BaseClient:
    """A simulated AWS service client. Methods are the operations' snake_case names."""

    def __init__(self, service, region_name, config=None, endpoint_url=None):
        self._service = service
        self._config = config if config is not None else Config()
        self.meta = ClientMeta(service, region_name, self._config, endpoint_url or self._endpoint(region_name))
        self.exceptions = ClientExceptions(service)

    def _endpoint(self, region):
        return 'https://%s.%s.amazonaws.com' % (self._service, region)

    def __repr__(self):
        return '<botocore.client.%s object (Lambda Triage simulator)>' % CLIENT_CLASS_NAMES.get(self._service, self._service)

    def __getattr__(self, name):
        if name.startswith('_') or not name.replace('_', '').isalnum() or name != name.lower():
            raise AttributeError("'%s' object has no attribute '%s'" % (CLIENT_CLASS_NAMES.get(self._service, self._service), name))
        operation = pascal_operation(name)

        operation_name = operation

        # Named and written as botocore/client.py's _create_api_method writes it, so a traceback through a call reads
        # as on Lambda: File ".../botocore/client.py", line N, in _api_call, then
        # return self._make_api_call(operation_name, kwargs).
        def _api_call(*args, **kwargs):
            # "<name>() only accepts keyword arguments."
            if args:
                raise TypeError('%s() only accepts keyword arguments.' % name)
            return self._make_api_call(operation_name, kwargs)

        _api_call.__name__ = name
        return _api_call

    # ------------------------------------------------------------------ presigning (local, no request)
    def generate_presigned_url(self, ClientMethod, Params=None, ExpiresIn=3600, HttpMethod=None):
        """botocore/signers.py generate_presigned_url(ClientMethod, Params=None, ExpiresIn=3600, HttpMethod=None):
        signs locally and makes no request, so the world (IAM, faults, state) never sees it. S3 only here."""
        if self._service != 's3':
            raise _exceptions.SimulatorUnsupportedOperation(_unsupported_text(self._service, 'generate_presigned_url'))
        if not isinstance(ClientMethod, str) or not ClientMethod.replace('_', '').isalnum() or ClientMethod != ClientMethod.lower():
            raise _exceptions.UnknownClientMethodError(method_name=ClientMethod)
        params = dict(Params or {})
        operation = pascal_operation(ClientMethod)
        if self._config.parameter_validation:
            self._validate(operation, params)
        method = HttpMethod or _PRESIGN_HTTP_METHODS.get(operation, 'GET')
        return _presign_s3_url(self, method, params.get('Bucket'), params.get('Key'), int(ExpiresIn))

    def generate_presigned_post(self, Bucket, Key, Fields=None, Conditions=None, ExpiresIn=3600):
        """botocore/signers.py generate_presigned_post: a local signing helper (no request), S3 only."""
        if self._service != 's3':
            raise AttributeError("'%s' object has no attribute 'generate_presigned_post'" % CLIENT_CLASS_NAMES.get(self._service, self._service))
        return _presign_s3_post(self, Bucket, Key, Fields, Conditions, int(ExpiresIn))

    def can_paginate(self, operation_name):
        return pascal_operation(operation_name) in Paginator.TOKENS

    def get_paginator(self, operation_name):
        operation = pascal_operation(operation_name)
        if operation not in Paginator.TOKENS:
            raise _exceptions.OperationNotPageableError(operation_name=operation_name)
        return Paginator(getattr(self, operation_name), operation)

    def close(self):
        pass

    # ------------------------------------------------------------------ one API call
    def _validate(self, operation, params):
        missing = [p for p in REQUIRED_PARAMS.get(operation, []) if p not in params]
        if missing:
            report = '\n'.join('Missing required parameter in input: "%s"' % p for p in missing)
            raise _exceptions.ParamValidationError(report=report)

    def _retry_policy(self):
        retries = dict(self._config.retries or {})
        mode = retries.get('mode') or os.environ.get('AWS_RETRY_MODE') or 'legacy'
        total = retries.get('total_max_attempts')
        if total is None and retries.get('max_attempts') is not None:
            total = int(retries['max_attempts']) + 1
        if total is None and os.environ.get('AWS_MAX_ATTEMPTS'):
            total = int(os.environ['AWS_MAX_ATTEMPTS'])
        if total is None:
            total = 3 if mode != 'legacy' else (10 if self._service == 'dynamodb' else 5)
        return mode, max(1, int(total))

    def _is_retryable(self, mode, code, status, socket_error):
        if socket_error:
            return True
        if mode == 'legacy':
            if status in _LEGACY_RETRY_STATUSES:
                return True
            pairs = _LEGACY_RETRY_CODES['*'] | _LEGACY_RETRY_CODES.get(self._service, set())
            return (code, status) in pairs
        return code in _STANDARD_THROTTLING_CODES or code in _STANDARD_TRANSIENT_CODES or status in _STANDARD_TRANSIENT_STATUSES

    def _delay_seconds(self, mode, attempts):
        if mode == 'legacy':
            base = 0.05 if self._service == 'dynamodb' else random.random()
            return base * (2 ** (attempts - 1))
        return random.random() * min(2 ** (attempts - 1), _STANDARD_MAX_BACKOFF)

    def _make_api_call(self, operation_name, params):
        operation = operation_name
        if self._config.parameter_validation:
            self._validate(operation, params)
        mode, max_attempts = self._retry_policy()
        attempts = 0
        while True:
            attempts += 1
            outcome = self._attempt(operation, params)
            kind = outcome[0]
            if kind == 'ok':
                response = outcome[1]
                response['ResponseMetadata']['RetryAttempts'] = attempts - 1
                return response
            if kind == 'raise':
                raise outcome[1]
            if kind == 'socket':
                exc = outcome[1]
                if attempts < max_attempts:
                    _host().wait_ms(self._delay_seconds(mode, attempts) * 1000)
                    continue
                raise exc
            wire = outcome[1]
            code, status = self._error_code(operation, wire), wire.get('httpStatusCode')
            retryable = self._is_retryable(mode, code, status, False)
            if retryable and attempts < max_attempts:
                _host().wait_ms(self._delay_seconds(mode, attempts) * 1000)
                continue
            # botocore/client.py _make_api_call ends a failed call with this very statement, which is the last
            # line of every ClientError traceback on Lambda.
            error_class, parsed_response = self._client_error(operation, wire, code, attempts, retryable)
            raise error_class(parsed_response, operation_name)

    def _attempt(self, operation, params):
        host = _host()
        payload = {
            'service': self._service,
            'operation': operation,
            'input': to_wire(params),
            'region': self.meta.region_name or '',
            'client': "boto3.client('%s')" % self._service,
        }
        answer = json.loads(host.call('aws', json.dumps(payload)))
        read_timeout_ms = float(self._config.read_timeout if self._config.read_timeout is not None else DEFAULT_TIMEOUT) * 1000
        if answer.get('hang'):
            label = answer.get('label') or '%s %s call still waiting for a response' % (self._service, operation)
            # The call never answers: the client gives up after read_timeout, unless Lambda's timeout comes first.
            _wait(host, read_timeout_ms, label)
            self._abandon(answer)
            return ('socket', _exceptions.ReadTimeoutError(endpoint_url=self.meta.endpoint_url + '/'))
        latency = float(answer.get('latencyMs') or 0)
        in_flight = '%s %s call in flight' % (CLIENT_CLASS_NAMES.get(self._service, self._service), operation)
        if latency > read_timeout_ms:
            _wait(host, read_timeout_ms, in_flight)
            self._abandon(answer)
            return ('socket', _exceptions.ReadTimeoutError(endpoint_url=self.meta.endpoint_url + '/'))
        _wait(host, latency, in_flight)
        if 'error' in answer:
            wire = answer['error'] or {}
            if wire.get('name') == 'SimulatorUnsupportedOperation':
                return ('raise', _exceptions.SimulatorUnsupportedOperation(wire.get('message', '')))
            if wire.get('code') and wire.get('syscall'):
                return ('socket', self._socket_error(wire))
            return ('error', wire)
        result = answer.get('result') or {}
        response = from_wire(result.get('output') or {})
        request_id = result.get('requestId', '')
        response['ResponseMetadata'] = {
            'RequestId': request_id,
            'HTTPStatusCode': result.get('httpStatusCode', 200),
            'HTTPHeaders': {'x-amzn-requestid': request_id},
            'RetryAttempts': 0,
        }
        return ('ok', response)

    def _abandon(self, answer):
        if answer.get('callId') is not None:
            _host().call('aws.abandon', json.dumps({'callId': answer['callId'], 'reason': 'request-timeout'}))

    def _socket_error(self, wire):
        # Socket failures of the HTTP client, as botocore names them (botocore/exceptions.py).
        url = self.meta.endpoint_url + '/'
        code = wire.get('code')
        if code == 'ECONNRESET' or code == 'EPIPE':
            return _exceptions.ConnectionClosedError(endpoint_url=url)
        if code == 'ETIMEDOUT':
            return _exceptions.ConnectTimeoutError(endpoint_url=url)
        return _exceptions.EndpointConnectionError(endpoint_url=url)

    def _error_code(self, operation, wire):
        status = wire.get('httpStatusCode')
        name = wire.get('name', 'Unknown')
        if self._service == 's3' and operation == 'HeadObject':
            # A HEAD answer has no body: botocore's generic error parsing uses the status and its reason phrase
            # (botocore/parsers.py _do_generic_error_parse), e.g. "An error occurred (404) when calling the
            # HeadObject operation: Not Found".
            return str(status)
        return ERROR_CODE_BY_NAME.get(self._service, {}).get(name, name)

    def _client_error(self, operation, wire, code, attempts, retryable):
        status = wire.get('httpStatusCode')
        message = wire.get('message', '')
        if self._service == 's3' and operation == 'HeadObject':
            message = {403: 'Forbidden', 404: 'Not Found'}.get(status, '')
        elif message == 'UnknownError':
            # The world carries the JavaScript SDK's placeholder for an empty service message; botocore keeps the
            # empty message (botocore/parsers.py, JSON error parsing: body.get('message', body.get('Message', ''))).
            message = ''
        request_id = wire.get('requestId', '')
        meta = {
            'RequestId': request_id,
            'HTTPStatusCode': status,
            'HTTPHeaders': {'x-amzn-requestid': request_id},
            'RetryAttempts': attempts - 1,
        }
        if retryable:
            # botocore/retryhandler.py MaxAttemptsDecorator: a retryable error on the last attempt.
            meta['MaxAttemptsReached'] = True
        response = {'Error': {'Code': code, 'Message': message}, 'ResponseMetadata': meta}
        # The members of a modeled error's shape found in its body sit at the top of the response (see
        # MODELED_ERROR_MEMBERS): the message under the shape's own key, the other members (Lambda Reason and Type,
        # DynamoDB CancellationReasons) as the world sent them. An empty message is absent from the body.
        for key in MODELED_ERROR_MEMBERS.get(self._service, {}).get(code, []):
            if key.lower() == 'message':
                if message and wire.get('message') not in (None, '', 'UnknownError'):
                    response[key] = message
            elif wire.get(key) is not None:
                response[key] = from_wire(wire[key])
        return self.exceptions.from_code(code), response


# HTTP method of each S3 operation a presigned URL is made for (botocore/data/s3/*/service-2.json "http").
_PRESIGN_HTTP_METHODS = {'PutObject': 'PUT', 'DeleteObject': 'DELETE', 'HeadObject': 'HEAD', 'CopyObject': 'PUT', 'UploadPart': 'PUT', 'CreateMultipartUpload': 'POST', 'CompleteMultipartUpload': 'POST', 'DeleteObjects': 'POST'}
# Regions whose S3 endpoint still takes Signature Version 2 (botocore/data/endpoints.json, s3 "signatureVersions");
# there, with no signature_version configured, botocore presigns with SigV2 (botocore/client.py
# _default_s3_presign_to_sigv2): ?AWSAccessKeyId=...&Signature=...&Expires=<epoch>.
_S3_SIGV2_REGIONS = {'ap-northeast-1', 'ap-southeast-1', 'ap-southeast-2', 'eu-west-1', 'sa-east-1', 'us-east-1', 'us-west-1', 'us-west-2'}


def _unsupported_text(service, operation):
    client = CLIENT_CLASS_NAMES.get(service, service)
    return ('The Lambda Triage simulator does not cover %s.%s yet, so this call was not answered as AWS would answer it. '
            'This is a gap of the simulator, not an error in your code. Simulated clients and operations are listed in '
            'SIMULATION.md ("AWS SDK coverage").' % (client, operation))


def _credentials():
    # Lambda puts the execution role's temporary keys in the environment (configuration-envvars.html#configuration-envvars-runtime).
    return (os.environ.get('AWS_ACCESS_KEY_ID') or 'ASIAQAAAAAAAAAAAAAAA', os.environ.get('AWS_SECRET_ACCESS_KEY') or 'lambda-triage-simulated-secret',
            os.environ.get('AWS_SESSION_TOKEN'))


def _quote(value, safe='-_.~'):
    from urllib.parse import quote

    return quote(str(value), safe=safe)


def _s3_base(bucket, key):
    """Virtual-hosted URL when the bucket name is DNS-compatible, else path style (botocore/utils.py
    check_dns_name / fix_s3_host); presigned URLs use the global s3.amazonaws.com host as botocore prints them."""
    import re

    key_path = _quote(key, safe='/~') if key is not None else ''
    if bucket and re.fullmatch(r'[a-z0-9][a-z0-9-]{1,61}[a-z0-9]', bucket):
        return 'https://%s.s3.amazonaws.com/%s' % (bucket, key_path), '/%s/%s' % (bucket, key_path)
    return 'https://s3.amazonaws.com/%s/%s' % (bucket or '', key_path), '/%s/%s' % (bucket or '', key_path)


def _presign_s3_url(client, method, bucket, key, expires):
    """An S3 presigned URL in the shape botocore prints. The signature is an HMAC of the simulated credentials
    over a simplified string to sign: right length and alphabet, not checked against S3 (nothing is sent)."""
    import hashlib
    import hmac
    import time

    access_key, secret, token = _credentials()
    now = time.time()  # the virtual clock inside the simulator (bootstrap patches time.time)
    url, resource = _s3_base(bucket, key)
    region = client.meta.region_name or 'us-east-1'
    version = client._config.signature_version
    if version is None and region in _S3_SIGV2_REGIONS:
        expires_at = int(now) + expires
        to_sign = '%s\n\n\n%d\n%s%s' % (method, expires_at, 'x-amz-security-token:%s\n' % token if token else '', resource)
        signature = base64.b64encode(hmac.new(secret.encode(), to_sign.encode(), hashlib.sha1).digest()).decode()
        query = 'AWSAccessKeyId=%s&Signature=%s' % (_quote(access_key), _quote(signature))
        if token:
            query += '&x-amz-security-token=%s' % _quote(token)
        return '%s?%s&Expires=%d' % (url, query, expires_at)
    stamp = time.strftime('%Y%m%dT%H%M%SZ', time.gmtime(now))
    credential = '%s/%s/%s/s3/aws4_request' % (access_key, stamp[:8], region)
    query = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=%s&X-Amz-Date=%s&X-Amz-Expires=%d&X-Amz-SignedHeaders=host' % (_quote(credential), stamp, expires)
    if token:
        query += '&X-Amz-Security-Token=%s' % _quote(token)
    key_bytes = ('AWS4' + secret).encode()
    for part in (stamp[:8], region, 's3', 'aws4_request'):
        key_bytes = hmac.new(key_bytes, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key_bytes, ('%s\n%s\n%s' % (method, resource, query)).encode(), hashlib.sha256).hexdigest()
    return '%s?%s&X-Amz-Signature=%s' % (url, query, signature)


def _presign_s3_post(client, bucket, key, fields, conditions, expires):
    """{'url', 'fields'} as botocore/signers.py generate_presigned_post returns it (SigV2 form in the regions above
    with no signature_version configured, SigV4 form otherwise); signatures as in _presign_s3_url."""
    import hashlib
    import hmac
    import time

    access_key, secret, token = _credentials()
    now = time.time()
    fields = dict(fields or {})
    conditions = list(conditions or [])
    url = _s3_base(bucket, None)[0]
    region = client.meta.region_name or 'us-east-1'
    conditions.append({'bucket': bucket})
    placeholder = '$' + '{filename}'  # written in two parts: this source sits in a JavaScript template literal
    if key.endswith(placeholder):
        conditions.append(['starts-with', '$key', key[: -len(placeholder)]])
    else:
        conditions.append({'key': key})
    fields['key'] = key
    sigv2 = client._config.signature_version is None and region in _S3_SIGV2_REGIONS
    if not sigv2:
        stamp = time.strftime('%Y%m%dT%H%M%SZ', time.gmtime(now))
        extra = {'x-amz-algorithm': 'AWS4-HMAC-SHA256', 'x-amz-credential': '%s/%s/%s/s3/aws4_request' % (access_key, stamp[:8], region), 'x-amz-date': stamp}
        if token:
            extra['x-amz-security-token'] = token
        for k, v in extra.items():
            fields[k] = v
            conditions.append({k: v})
    elif token:
        fields['x-amz-security-token'] = token
        conditions.append({'x-amz-security-token': token})
    expiration = time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(now + expires))
    policy = base64.b64encode(json.dumps({'expiration': expiration, 'conditions': conditions}).encode()).decode()
    if sigv2:
        fields['AWSAccessKeyId'] = access_key
        fields['policy'] = policy
        fields['signature'] = base64.b64encode(hmac.new(secret.encode(), policy.encode(), hashlib.sha1).digest()).decode()
    else:
        fields['policy'] = policy
        fields['x-amz-signature'] = hmac.new(('AWS4' + secret).encode(), policy.encode(), hashlib.sha256).hexdigest()
    return {'url': url, 'fields': fields}


def _wait(host, ms, label):
    """Let ms pass on the virtual clock; a host whose wait_ms takes a label shows it as pending work if the
    function's timeout comes first."""
    try:
        import inspect

        takes_label = len(inspect.signature(host.wait_ms).parameters) >= 2
    except (TypeError, ValueError):
        takes_label = False
    if takes_label:
        host.wait_ms(ms, label)
    else:
        host.wait_ms(ms)


def create_client(service_name, region_name=None, config=None, endpoint_url=None):
    """Build a client; the region comes from the arguments, the config, then AWS_REGION / AWS_DEFAULT_REGION."""
    if not isinstance(service_name, str) or service_name == '':
        raise TypeError('service_name must be a non-empty string, such as "s3" or "dynamodb".')
    region = region_name or (config.region_name if config is not None else None) or os.environ.get('AWS_REGION') or os.environ.get('AWS_DEFAULT_REGION')
    if not region:
        raise _exceptions.NoRegionError()
    return BaseClient(service_name, region, config, endpoint_url)
`,
  'botocore/config.py': String.raw`"""botocore.config.Config in the simulated botocore (Lambda Triage).

Options used by the simulation: region_name, read_timeout and connect_timeout (seconds, default 60:
DEFAULT_TIMEOUT in botocore/endpoint.py), retries ({'mode': 'legacy'|'standard', 'max_attempts': retries after
the first try, 'total_max_attempts': all tries}) as documented in botocore/config.py
(https://github.com/boto/botocore/blob/develop/botocore/config.py). Other options are kept and ignored.
"""

DEFAULT_TIMEOUT = 60


class Config:
    """Client configuration; unknown keyword arguments raise TypeError as botocore's Config does."""

    OPTION_DEFAULTS = {
        'region_name': None,
        'signature_version': None,
        'user_agent': None,
        'user_agent_extra': None,
        'user_agent_appid': None,
        'connect_timeout': DEFAULT_TIMEOUT,
        'read_timeout': DEFAULT_TIMEOUT,
        'parameter_validation': True,
        'max_pool_connections': 10,
        'proxies': None,
        'proxies_config': None,
        's3': None,
        'retries': None,
        'client_cert': None,
        'inject_host_prefix': True,
        'endpoint_discovery_enabled': None,
        'use_dualstack_endpoint': None,
        'use_fips_endpoint': None,
        'tcp_keepalive': None,
        'request_min_compression_size_bytes': None,
        'disable_request_compression': None,
        'request_checksum_calculation': None,
        'response_checksum_validation': None,
        'account_id_endpoint_mode': None,
    }

    def __init__(self, *args, **kwargs):
        if args:
            raise TypeError('Config takes keyword arguments only in the Lambda Triage simulator.')
        for key in kwargs:
            if key not in self.OPTION_DEFAULTS:
                raise TypeError("Got unexpected keyword argument '%s'" % key)
        self._user_provided_options = dict(kwargs)
        for key, default in self.OPTION_DEFAULTS.items():
            setattr(self, key, kwargs.get(key, default))

    def merge(self, other_config):
        merged = dict(self._user_provided_options)
        merged.update(other_config._user_provided_options)
        return Config(**merged)
`,
  'botocore/exceptions.py': String.raw`"""Exceptions of the simulated botocore (Lambda Triage), with botocore's names and message formats.

Message templates follow botocore/exceptions.py (https://github.com/boto/botocore/blob/develop/botocore/exceptions.py):
ClientError reads "An error occurred (<Code>) when calling the <Operation> operation: <Message>", with
" (reached max retries: N)" before the colon once retries ran out.
"""


class BotoCoreError(Exception):
    """Base of botocore's own (non-service) errors; the message is fmt filled with the keyword arguments."""

    fmt = 'An unspecified error occurred'

    def __init__(self, **kwargs):
        super().__init__(self.fmt.format(**kwargs))
        self.kwargs = kwargs


class ClientError(Exception):
    """An error answer from an AWS service. response holds Error (Code, Message) and ResponseMetadata."""

    def __init__(self, error_response, operation_name):
        error = error_response.get('Error', {})
        meta = error_response.get('ResponseMetadata', {})
        retry_info = ''
        if meta.get('MaxAttemptsReached') and 'RetryAttempts' in meta:
            retry_info = ' (reached max retries: %d)' % meta['RetryAttempts']
        super().__init__(
            'An error occurred (%s) when calling the %s operation%s: %s'
            % (error.get('Code', 'Unknown'), operation_name, retry_info, error.get('Message', 'Unknown'))
        )
        self.response = error_response
        self.operation_name = operation_name


class ParamValidationError(BotoCoreError):
    fmt = 'Parameter validation failed:\n{report}'


class NoRegionError(BotoCoreError):
    fmt = 'You must specify a region.'


class HTTPClientError(BotoCoreError):
    fmt = 'An HTTP Client raised an unhandled exception: {error}'


class ConnectionError(BotoCoreError):
    fmt = 'An HTTP Client failed to establish a connection: {error}'


class EndpointConnectionError(ConnectionError):
    fmt = 'Could not connect to the endpoint URL: "{endpoint_url}"'


class ConnectionClosedError(HTTPClientError):
    fmt = 'Connection was closed before we received a valid response from endpoint URL: "{endpoint_url}".'


class ReadTimeoutError(HTTPClientError):
    fmt = 'Read timeout on endpoint URL: "{endpoint_url}"'


class ConnectTimeoutError(ConnectionError):
    fmt = 'Connect timeout on endpoint URL: "{endpoint_url}"'


class UnknownClientMethodError(BotoCoreError):
    fmt = 'Client does not have method: {method_name}'


class OperationNotPageableError(BotoCoreError):
    fmt = 'Operation cannot be paginated: {operation_name}'


class SimulatorUnsupportedOperation(Exception):
    """Not a botocore error: the Lambda Triage simulator does not cover this client or operation yet.

    AWS never raises it; it marks a gap of the simulator, not an error in the handler.
    """
`,
  'botocore/session.py': String.raw`"""botocore.session in the simulated botocore (Lambda Triage): get_session().create_client(name), the lower-level way
to make a client (https://botocore.amazonaws.com/v1/documentation/api/latest/reference/session.html), and
get_credentials(). Clients are the same simulated clients boto3.client() makes."""

import os

from botocore.client import create_client


class Session:
    def __init__(self, session_vars=None, event_hooks=None, include_builtin_handlers=True, profile=None):
        self._config = {}
        self.profile = profile

    def get_config_variable(self, logical_name, methods=None):
        if logical_name in self._config:
            return self._config[logical_name]
        if logical_name == 'region':
            return os.environ.get('AWS_REGION') or os.environ.get('AWS_DEFAULT_REGION')
        return None

    def set_config_variable(self, logical_name, value):
        self._config[logical_name] = value

    def get_scoped_config(self):
        return {}

    def get_credentials(self):
        import boto3.session

        return boto3.session.Session().get_credentials()

    def create_client(self, service_name, region_name=None, api_version=None, use_ssl=True, verify=None,
                      endpoint_url=None, aws_access_key_id=None, aws_secret_access_key=None, aws_session_token=None,
                      config=None, aws_account_id=None):
        return create_client(service_name, region_name or self._config.get('region'), config, endpoint_url)


def get_session(env_vars=None):
    return Session()
`,
  'botocore/credentials.py': String.raw`"""botocore.credentials in the simulated botocore (Lambda Triage): the objects Session.get_credentials() returns,
with botocore's attribute names (access_key, secret_key, token, method) and get_frozen_credentials(), which code that
signs requests itself (SigV4 for OpenSearch, API Gateway IAM auth) reads. Our own code with botocore's shape."""

from collections import namedtuple

ReadOnlyCredentials = namedtuple('ReadOnlyCredentials', ['access_key', 'secret_key', 'token'])


class Credentials:
    def __init__(self, access_key, secret_key, token=None, method=None):
        self.access_key = access_key
        self.secret_key = secret_key
        self.token = token
        self.method = method or 'explicit'

    def get_frozen_credentials(self):
        return ReadOnlyCredentials(self.access_key, self.secret_key, self.token)
`,
  'botocore/response.py': String.raw`"""botocore.response.StreamingBody in the simulated botocore (Lambda Triage): the S3 GetObject Body and the
Lambda Invoke Payload. The bytes are already in memory; read() hands them out once, as a stream does
(https://botocore.amazonaws.com/v1/documentation/api/latest/reference/response.html).
"""


class StreamingBody:
    """A read-once body: read(amt=None), iter_lines(), iter_chunks(), readlines(), close()."""

    _DEFAULT_CHUNK_SIZE = 1024

    def __init__(self, data, content_length=None):
        self._data = bytes(data)
        self._pos = 0
        self._content_length = len(self._data) if content_length is None else content_length
        self.closed = False

    def read(self, amt=None):
        if amt is None or amt < 0:
            chunk = self._data[self._pos:]
        else:
            chunk = self._data[self._pos:self._pos + amt]
        self._pos += len(chunk)
        return chunk

    def readable(self):
        return not self.closed

    def readlines(self):
        return self.read().splitlines(True)

    def __iter__(self):
        return self.iter_chunks(self._DEFAULT_CHUNK_SIZE)

    def __next__(self):
        chunk = self.read(self._DEFAULT_CHUNK_SIZE)
        if chunk:
            return chunk
        raise StopIteration()

    def iter_chunks(self, chunk_size=_DEFAULT_CHUNK_SIZE):
        while True:
            chunk = self.read(chunk_size)
            if chunk == b'':
                break
            yield chunk

    def iter_lines(self, chunk_size=_DEFAULT_CHUNK_SIZE, keepends=False):
        # botocore/response.py StreamingBody.iter_lines: chunk by chunk, the last (maybe unfinished) line of each
        # chunk kept pending, so a line or a "\r\n" split across chunks comes out whole.
        pending = b''
        for chunk in self.iter_chunks(chunk_size):
            lines = (pending + chunk).splitlines(True)
            for line in lines[:-1]:
                yield line.splitlines(keepends)[0]
            pending = lines[-1]
        if pending:
            yield pending.splitlines(keepends)[0]

    def close(self):
        self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __repr__(self):
        return '<botocore.response.StreamingBody object (Lambda Triage simulator)>'
`,
};

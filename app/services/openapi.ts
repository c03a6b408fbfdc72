/**
 * The OpenAPI 3.1 description of the publishing API, served at
 * /api/v1/openapi.json on every tenant host.
 *
 * @spec DOC-1
 */
const errorSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', examples: ['E_VALIDATION_ERROR', 'E_EXTERNAL_ID_CONFLICT'] },
    message: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
}

const documentSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    externalId: { type: ['string', 'null'] },
    customerNumber: { type: 'string' },
    type: { enum: ['invoice', 'credit_note', 'other'] },
    number: { type: ['string', 'null'] },
    title: { type: 'string' },
    category: { type: ['string', 'null'] },
    issueDate: { type: 'string', format: 'date' },
    dueDate: { type: ['string', 'null'], format: 'date' },
    amount: { type: ['string', 'null'], description: 'Including VAT, two decimals' },
    currency: { type: 'string' },
    retainUntil: { type: 'string', format: 'date' },
    files: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { enum: ['pdf', 'ubl', 'attachment'] },
          name: { type: 'string' },
          size: { type: 'integer' },
          mime: { type: 'string' },
          sha256: { type: 'string' },
        },
      },
    },
    createdAt: { type: 'string', format: 'date-time' },
  },
}

const errors = {
  '401': {
    description: 'No or unknown token for this tenant',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  '422': {
    description: 'Invalid input; one message per field',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
}

/**
 * `plugins`: the API paths and schemas of the plugins the tenant enabled
 * (app/plugins/openapi.ts), listed beside the core's.
 */
export function openApiDocument(
  plugins: { paths: Record<string, unknown>; schemas: Record<string, unknown> } = {
    paths: {},
    schemas: {},
  }
) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Customer portal publishing API',
      version: '1.0.0',
      description:
        "A tenant's back office publishes documents to customer numbers. Authenticate with a bearer token created by a tenant admin (`node ace api:token`). Call the tenant's own host.",
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ...plugins.schemas,
        Error: errorSchema,
        Document: documentSchema,
        Batch: {
          type: 'object',
          properties: {
            data: {
              type: 'object',
              properties: {
                key: { type: 'string' },
                status: { enum: ['open', 'closed', 'notified'] },
                documents: { type: 'integer' },
                recipients: { type: ['integer', 'null'] },
                closedAt: { type: ['string', 'null'], format: 'date-time' },
                notifiedAt: { type: ['string', 'null'], format: 'date-time' },
              },
            },
          },
        },
      },
    },
    paths: {
      ...plugins.paths,
      '/documents': {
        post: {
          summary: 'Publish a document',
          description:
            'Idempotent by `externalId`: the same content again answers 200 with the first document; other content under the same id answers 409. Files are checked by content (PDF; UBL XML) and size.',
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['customerNumber', 'type', 'title', 'issueDate', 'file'],
                  properties: {
                    file: { type: 'string', format: 'binary', description: 'The PDF' },
                    ubl: { type: 'string', format: 'binary', description: 'Optional UBL XML' },
                    customerNumber: { type: 'string' },
                    type: { enum: ['invoice', 'credit_note', 'other'] },
                    number: { type: 'string' },
                    title: { type: 'string', maxLength: 200 },
                    category: { type: 'string' },
                    issueDate: { type: 'string', format: 'date' },
                    dueDate: { type: 'string', format: 'date' },
                    amount: { type: 'string', pattern: '^-?\\d{1,13}(\\.\\d{1,2})?$' },
                    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
                    externalId: { type: 'string', maxLength: 128 },
                    batch: {
                      type: 'string',
                      pattern: '^[\\w.:-]{1,128}$',
                      description:
                        'Name of the publication run. Every recipient gets one e-mail for all documents of the run, once the run is closed (POST /batches/{key}/close, or 30 minutes after its last publication). Without it, the document is announced on its own.',
                    },
                  },
                },
              },
            },
          },
          responses: {
            '201': {
              description: 'Published',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      data: { $ref: '#/components/schemas/Document' },
                      created: { const: true },
                    },
                  },
                },
              },
            },
            '200': {
              description: 'Published before with the same content',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      data: { $ref: '#/components/schemas/Document' },
                      created: { const: false },
                    },
                  },
                },
              },
            },
            '409': {
              description: 'The external id was used for other content',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
            ...errors,
          },
        },
        get: {
          summary: 'List documents, newest first',
          parameters: [
            { name: 'customerNumber', in: 'query', schema: { type: 'string' } },
            { name: 'externalId', in: 'query', schema: { type: 'string' } },
            { name: 'type', in: 'query', schema: { enum: ['invoice', 'credit_note', 'other'] } },
            { name: 'issuedFrom', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'issuedTo', in: 'query', schema: { type: 'string', format: 'date' } },
            {
              name: 'after',
              in: 'query',
              description: 'The `next` value of the previous page',
              schema: { type: 'integer' },
            },
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            },
          ],
          responses: {
            '200': {
              description: 'A page',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      data: { type: 'array', items: { $ref: '#/components/schemas/Document' } },
                      next: { type: ['integer', 'null'] },
                    },
                  },
                },
              },
            },
            ...errors,
          },
        },
      },
      '/batches/{key}': {
        get: {
          summary: 'A publication batch: its status and counts',
          parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'The batch',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Batch' } } },
            },
            ...errors,
          },
        },
      },
      '/batches/{key}/close': {
        post: {
          summary: 'Close a publication batch: its notifications go out now',
          parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '202': {
              description: 'Closed (notifications queued)',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Batch' } } },
            },
            ...errors,
          },
        },
      },
      '/documents/{id}': {
        get: {
          summary: 'One document',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: {
            '200': {
              description: 'The document',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { data: { $ref: '#/components/schemas/Document' } },
                  },
                },
              },
            },
            '404': {
              description: 'No such document for this tenant',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
            '401': errors['401'],
          },
        },
      },
    },
  }
}

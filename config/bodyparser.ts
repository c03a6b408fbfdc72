import { defineConfig } from '@adonisjs/core/bodyparser'

/**
 * Request bodies. Size limits keep oversized fields out before validation.
 */
const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    types: ['application/x-www-form-urlencoded'],
    limit: '256kb',
  },
  json: {
    convertEmptyStringsToNull: true,
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
    // A delivery of 10,000 meter readings (the utility plugin's API) is about 1 MB.
    limit: '2mb',
  },
  multipart: {
    autoProcess: true,
    convertEmptyStringsToNull: true,
    processManually: [],
    limit: '50mb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig

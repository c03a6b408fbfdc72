import { registry } from '@generated/registry'
import { createTuyau } from '@tuyau/core/client'

/**
 * The typed route client: `<Link route="...">`, `<Form route="...">` and
 * `urlFor()` resolve route names from the generated registry.
 */
export const client = createTuyau({ baseUrl: '/', registry })

export const urlFor = client.urlFor

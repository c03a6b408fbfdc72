/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| One file per SPEC section under start/routes/, each headed by the SPEC
| IDs it serves (docs/spec-map.md lists them per ID); start/routes/areas.ts
| holds the groups that say who may enter (guest, portal, account, admin,
| api). Every route but /health and the operator host's belongs to a
| tenant: the `tenant` middleware finds it from the Host header (404 for an
| unknown host) and scopes the request. tests/functional/access checks
| every route of the table against its area's rules.
|
| Order: no two routes of different files can match the same request, so
| the order of the files does not change which route answers; the plugins'
| routes come last.
|
*/

import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { loadPluginRoutes, registerPluginRoutes } from '#plugins/routes'
import operationsRoutes, { platformRoutes } from '#start/routes/operations'
import identityRoutes from '#start/routes/identity'
import tenancyRoutes from '#start/routes/tenancy'
import accountsRoutes from '#start/routes/accounts'
import documentsRoutes from '#start/routes/documents'
import publishingApiRoutes from '#start/routes/api'

const pluginRoutes = await loadPluginRoutes()

/** OPS-1, OPS-2: /health on any host, the operator host. */
platformRoutes()

router
  .group(() => {
    identityRoutes()
    tenancyRoutes()
    accountsRoutes()
    documentsRoutes()
    operationsRoutes()
    publishingApiRoutes()

    /**
     * Routes of the plugins, each closed (404) to tenants that did not
     * enable the plugin.
     */
    registerPluginRoutes(pluginRoutes)
  })
  .use([middleware.tenant(), middleware.locale()])

/*
|--------------------------------------------------------------------------
| HTTP kernel
|--------------------------------------------------------------------------
|
| Server middleware runs on every request; router middleware on requests
| that matched a route; named middleware where routes ask for it.
|
*/

import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/security_headers_middleware'),
  () => import('#middleware/secure_cookies_middleware'),
  () => import('#middleware/static_assets_middleware'),
  () => import('#middleware/vite_dev_assets_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('@adonisjs/session/session_middleware'),
  () => import('@adonisjs/shield/shield_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
  () => import('#middleware/inertia_middleware'),
])

export const middleware = router.named({
  tenant: () => import('#middleware/tenant_middleware'),
  locale: () => import('#middleware/detect_locale_middleware'),
  auth: () => import('#middleware/auth_middleware'),
  apiAuth: () => import('#middleware/api_auth_middleware'),
  guest: () => import('#middleware/guest_middleware'),
  profileComplete: () => import('#middleware/profile_complete_middleware'),
  can: () => import('#middleware/can_middleware'),
  plugin: () => import('#middleware/plugin_enabled_middleware'),
  permission: () => import('#middleware/plugin_permission_middleware'),
  ops: () => import('#middleware/ops_middleware'),
})

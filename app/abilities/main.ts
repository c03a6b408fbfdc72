/*
|--------------------------------------------------------------------------
| Bouncer abilities
|--------------------------------------------------------------------------
|
| Rights that are not about one resource. Resource rights live in policies
| under app/policies (one per resource).
|
*/

import { Bouncer } from '@adonisjs/bouncer'
import type User from '#models/user'
import { permissionsOf } from '#plugins/permissions'

/** The admin area: the tenant's people. */
export const accessAdminArea = Bouncer.ability((user: User) => user.isStaff)

/** Operations dashboards (bull-arena, Temporal UI link): tenant admins only. */
export const viewOperations = Bouncer.ability((user: User) => user.isAdmin)

/** The tenant's configuration (plugins, branding, messages, e-mail templates): tenant admins only. */
export const manageTenant = Bouncer.ability((user: User) => user.isAdmin)

/**
 * A plugin's permission (`<plugin id>.<resource>:<verb>`, declared in its
 * manifest with the roles that hold it): `bouncer.allows('pluginPermission',
 * 'utility.readings:write')`, or `can(...)` on a plugin route.
 */
export const pluginPermission = Bouncer.ability(async (user: User, permission: string) => {
  const held = await permissionsOf(user.role)
  return held.has(permission)
})

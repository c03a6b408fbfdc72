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

/** The admin area: the tenant's people. */
export const accessAdminArea = Bouncer.ability((user: User) => user.isStaff)

/** Operations dashboards (bull-arena, Temporal UI link): tenant admins only. */
export const viewOperations = Bouncer.ability((user: User) => user.isAdmin)

/** The tenant's configuration (plugins, branding, messages, e-mail templates): tenant admins only. */
export const manageTenant = Bouncer.ability((user: User) => user.isAdmin)

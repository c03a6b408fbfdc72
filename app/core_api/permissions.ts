/**
 * Permissions (TEN-2): a plugin declares its permissions in its manifest,
 * with the core roles that hold them by default. Routes check one with the
 * `can(permission)` middleware (#core/plugins `PluginRoutesContext`); code
 * that only shows or hides something asks `hasPermission`.
 *
 * Staff and admins pass the admin area's check (`accessAdminArea`);
 * whether a user may read a document is `DocumentQuery` (#core/documents).
 *
 * @spec TEN-2
 */
import type User from '#models/user'
import { permissionsOf } from '#plugins/permissions'

/** Whether the user's role holds the permission (`<plugin id>.<name>`). */
export async function hasPermission(user: User, permission: string): Promise<boolean> {
  const held = await permissionsOf(user.role)
  return held.has(permission)
}

export type { default as User } from '#models/user'

import User from '#models/user'

/**
 * The tenant's active staff, as choices for "responsible manager" fields
 * (DOC-9), and the check that a chosen id is one of them.
 *
 * @spec DOC-9
 */
export const staffDirectory = {
  /** The active staff and admins, by e-mail. */
  members(): Promise<User[]> {
    return User.query()
      .whereIn('role', ['staff', 'admin'])
      .where('status', 'active')
      .orderBy('email')
  },

  async isStaff(id: number): Promise<boolean> {
    const user = await User.query()
      .where('id', id)
      .whereIn('role', ['staff', 'admin'])
      .where('status', 'active')
      .first()
    return !!user
  },
}

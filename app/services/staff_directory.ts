import User from '#models/user'

/**
 * The tenant's active staff, as choices for "responsible manager" fields
 * (DOC-9), and the check that a chosen id is one of them.
 *
 * @spec DOC-9
 */
export const staffDirectory = {
  async options(): Promise<{ id: number; name: string }[]> {
    const staff = await User.query()
      .whereIn('role', ['staff', 'admin'])
      .where('status', 'active')
      .orderBy('email')
    return staff.map((user) => ({ id: user.id, name: user.fullName ?? user.email }))
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

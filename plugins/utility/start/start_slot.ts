import type { SlotProps } from '#core/plugins'

/**
 * UTIL-1, "How can we help?" on the login page, for visitors: report a
 * move-in without an account. Nothing for a logged-in user.
 *
 * @spec UTIL-1
 */
const props: SlotProps = async ({ user }) => {
  if (user) return null
  return { moveInUrl: '/utility/move-in' }
}
export default props

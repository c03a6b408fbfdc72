/**
 * One line of the activity log as the pages receive it.
 *
 * @spec TEN-9
 */
export interface ActivityRow {
  id: number
  type: string
  at: string | null
  actor: string | null
  target: string | null
  email: string | null
  ip: string | null
}

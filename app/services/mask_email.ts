/**
 * An address shown to somebody who has not fully proven who they are:
 * enough to recognise it (`an•••@example.com`), not enough to learn it.
 */
export function maskEmail(email: string): string {
  const [local, domain] = email.split('@')
  if (!domain) return '•••'
  return `${local.slice(0, Math.min(2, Math.max(1, local.length - 1)))}•••@${domain}`
}

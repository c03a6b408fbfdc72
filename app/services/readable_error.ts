/**
 * An error as a person can read it on the problems page (OPS-1): its first
 * line, cut at 240 characters.
 */
export function readableError(error: string | null): string | null {
  if (!error) return null
  const line = error.split('\n')[0].trim()
  return line.length > 240 ? `${line.slice(0, 239)}…` : line
}

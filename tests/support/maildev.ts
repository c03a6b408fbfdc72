/**
 * MailDev's HTTP API (MailDev 3: under /api):
 * the tests read the real e-mails the worker sent over SMTP.
 */
export interface CaughtMail {
  id: string
  subject: string
  html: string
  text: string
  to: { address: string; name: string }[]
  headers: Record<string, string>
}

export const maildevPort = Number(process.env.MAILDEV_WEB_PORT ?? 1081)
const base = () => `http://127.0.0.1:${maildevPort}`

export const maildev = {
  async all(): Promise<CaughtMail[]> {
    const response = await fetch(`${base()}/api/email`)
    if (!response.ok) throw new Error(`MailDev answered ${response.status}`)
    return (await response.json()) as CaughtMail[]
  },

  /** The mails sent to an address so far (no waiting). */
  async sentTo(address: string): Promise<CaughtMail[]> {
    const all = await this.all()
    return all.filter((mail) =>
      mail.to.some((to) => to.address.toLowerCase() === address.toLowerCase())
    )
  },

  /** The mail as it crossed SMTP (headers MailDev's JSON leaves out, such as Reply-To). */
  async raw(mail: CaughtMail): Promise<string> {
    const response = await fetch(`${base()}/api/email/${mail.id}/source`)
    if (!response.ok) throw new Error(`MailDev answered ${response.status}`)
    return response.text()
  },

  async clear(): Promise<void> {
    await fetch(`${base()}/api/email/all`, { method: 'DELETE' })
  },

  /**
   * Waits for the mails sent to an address (the worker sends asynchronously).
   */
  async waitFor(
    address: string,
    options: { count?: number; timeoutMs?: number } = {}
  ): Promise<CaughtMail[]> {
    const count = options.count ?? 1
    const deadline = Date.now() + (options.timeoutMs ?? 20_000)
    for (;;) {
      const all = await this.all()
      const mails = all.filter((mail) =>
        mail.to.some((to) => to.address.toLowerCase() === address.toLowerCase())
      )
      if (mails.length >= count) return mails
      if (Date.now() > deadline) {
        throw new Error(
          `Expected ${count} e-mail(s) to ${address} within the timeout, got ${mails.length}`
        )
      }
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  },

  /**
   * The first link in a mail's HTML whose path starts with `pathPrefix`.
   */
  link(mail: CaughtMail, pathPrefix: string): string {
    for (const match of mail.html.matchAll(/href="([^"]+)"/g)) {
      const href = match[1].replaceAll('&amp;', '&')
      if (new URL(href).pathname.startsWith(pathPrefix)) return href
    }
    throw new Error(`No link starting with ${pathPrefix} in mail "${mail.subject}"`)
  },
}

/**
 * A local SMTP sink for bench/ingest (instead of MailDev, whose web UI and
 * message store would cost more than the application it measures): accepts
 * every message, no authentication, no STARTTLS, and counts what arrives
 * (messages, bytes, distinct recipients, the time of the first and last).
 */
import { SMTPServer } from 'smtp-server'

export interface SinkStats {
  messages: number
  bytes: number
  recipients: Set<string>
  /** Recipients that got more than one message. */
  duplicates: number
  firstAt: number | null
  lastAt: number | null
}

export async function startSmtpSink(port: number) {
  const stats: SinkStats = {
    messages: 0,
    bytes: 0,
    recipients: new Set(),
    duplicates: 0,
    firstAt: null,
    lastAt: null,
  }
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    logger: false,
    maxClients: 1000,
    size: 50 * 1024 * 1024,
    onData(stream, session, callback) {
      let bytes = 0
      stream.on('data', (chunk: Buffer) => (bytes += chunk.length))
      stream.on('end', () => {
        stats.messages += 1
        stats.bytes += bytes
        for (const to of session.envelope.rcptTo) {
          const address = to.address.toLowerCase()
          if (stats.recipients.has(address)) stats.duplicates += 1
          else stats.recipients.add(address)
        }
        const now = Date.now()
        stats.firstAt ??= now
        stats.lastAt = now
        callback()
      })
    },
  })
  server.on('error', (error: Error) => console.error(`[smtp-sink] ${error.message}`))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return {
    stats,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

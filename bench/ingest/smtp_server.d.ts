/**
 * The little of smtp-server (a dependency of MailDev, without types of its
 * own) that bench/ingest's SMTP sink uses.
 */
declare module 'smtp-server' {
  import type { Readable } from 'node:stream'
  import type { EventEmitter } from 'node:events'

  export interface SMTPServerAddress {
    address: string
    args: Record<string, string>
  }

  export interface SMTPServerSession {
    id: string
    remoteAddress: string
    envelope: { mailFrom: SMTPServerAddress | false; rcptTo: SMTPServerAddress[] }
  }

  export interface SMTPServerOptions {
    disabledCommands?: string[]
    authOptional?: boolean
    logger?: boolean
    maxClients?: number
    size?: number
    onData?(
      stream: Readable,
      session: SMTPServerSession,
      callback: (error?: Error | null) => void
    ): void
  }

  export class SMTPServer extends EventEmitter {
    constructor(options?: SMTPServerOptions)
    listen(port: number, host: string, callback?: () => void): void
    close(callback?: () => void): void
  }
}

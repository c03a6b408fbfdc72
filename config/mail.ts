import env from '#start/env'
import { defineConfig, transports } from '@adonisjs/mail'

const username = env.get('SMTP_USERNAME')

/**
 * All mail leaves over SMTP (MailDev locally, the operator's relay in
 * production). Sending happens in the worker, one BullMQ job per e-mail.
 */
const mailConfig = defineConfig({
  default: 'smtp',
  from: {
    address: env.get('MAIL_FROM_ADDRESS'),
    name: env.get('MAIL_FROM_NAME'),
  },
  mailers: {
    smtp: transports.smtp({
      host: env.get('SMTP_HOST'),
      port: env.get('SMTP_PORT'),
      secure: env.get('SMTP_SECURE', false),
      // A few kept-open connections: a publication run sends thousands of mails.
      pool: true,
      maxConnections: 5,
      auth: username
        ? { type: 'login', user: username, pass: env.get('SMTP_PASSWORD') ?? '' }
        : undefined,
    }),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}

import limiter from '@adonisjs/limiter/services/main'
import config from '@adonisjs/core/services/config'

/**
 * Rate limits on the doors attackers knock at. Counted in Redis, so every
 * web replica sees the same attempts.
 */
export const throttles = {
  /**
   * Login: 5 wrong passwords for one address from one IP, or 30 from one IP
   * whatever the address, block for 15 minutes. A success clears the count.
   */
  login(tenantId: number, ip: string, email: string) {
    return limiter.multi([
      {
        key: `login:${tenantId}:${ip}:${email}`,
        requests: 5,
        duration: '15 mins',
        blockDuration: '15 mins',
      },
      {
        key: `login-ip:${tenantId}:${ip}`,
        requests: 30,
        duration: '15 mins',
        blockDuration: '15 mins',
      },
    ])
  },

  /**
   * Forgot password: 3 links per address per hour, 20 requests per IP.
   */
  passwordReset(tenantId: number, ip: string, email: string) {
    return limiter.multi([
      {
        key: `reset:${tenantId}:${email}`,
        requests: 3,
        duration: '1 hour',
        blockDuration: '1 hour',
      },
      {
        key: `reset-ip:${tenantId}:${ip}`,
        requests: 20,
        duration: '1 hour',
        blockDuration: '1 hour',
      },
    ])
  },

  /**
   * Authenticator codes of one user (login, confirm, turn off): a burst of
   * wrong codes locks the second step for a while, from every IP.
   */
  twoStep(tenantId: number, userId: number) {
    const rules = config.get<{ maxAttempts: number; windowMinutes: number; lockMinutes: number }>(
      'identity.twoStep'
    )
    return limiter.multi([
      {
        key: `two-step:${tenantId}:${userId}`,
        requests: rules.maxAttempts,
        duration: `${rules.windowMinutes} mins`,
        blockDuration: `${rules.lockMinutes} mins`,
      },
    ])
  },

  /** Self-registration and its resend: 10 attempts per IP per hour (codes cannot be guessed). */
  registration(tenantId: number, ip: string) {
    return limiter.multi([
      {
        key: `register-ip:${tenantId}:${ip}`,
        requests: 10,
        duration: '1 hour',
        blockDuration: '1 hour',
      },
    ])
  },

  /** TEN-4: messages to customer service: 5 per hour from one IP, so nobody floods the support mailbox. */
  helpRequests(tenantId: number, ip: string) {
    return limiter.multi([
      {
        key: `help-ip:${tenantId}:${ip}`,
        requests: 5,
        duration: '1 hour',
        blockDuration: '1 hour',
      },
    ])
  },

  /** E-mailed codes (recovery address, lost device): 5 per user per hour, so a mailbox is not flooded. */
  emailCodes(tenantId: number, userId: number) {
    return limiter.multi([
      {
        key: `email-codes:${tenantId}:${userId}`,
        requests: 5,
        duration: '1 hour',
        blockDuration: '1 hour',
      },
    ])
  },
}

import limiter from '@adonisjs/limiter/services/main'
import config from '@adonisjs/core/services/config'

interface FailureRule {
  key: string
  requests: number
  duration: string
  blockDuration: string
  /** Whether a success clears it: the account's own counters, never a client address's. */
  clearedBySuccess: boolean
}

/**
 * Counters of failures (wrong passwords, wrong codes) along several
 * dimensions at once. Unlike the limiter's `penalize`, a success clears only
 * the counters it is entitled to: the right password of one account clears
 * that account's counters, never the count of its client address, so an
 * attacker cannot reset the address count with a login to their own account.
 */
export class FailureLimits {
  constructor(protected rules: FailureRule[]) {}

  protected limiterOf(rule: FailureRule) {
    return limiter.use({
      requests: rule.requests,
      duration: rule.duration,
      blockDuration: rule.blockDuration,
    })
  }

  /** The longest wait among the exhausted counters (seconds), or null when none is. */
  async blockedFor(): Promise<number | null> {
    let longest: number | null = null
    for (const rule of this.rules) {
      const response = await this.limiterOf(rule).get(rule.key)
      if (response && response.remaining <= 0) {
        longest = Math.max(longest ?? 0, response.availableIn)
      }
    }
    return longest
  }

  /** Counts one failure everywhere; names the counters this failure exhausted. */
  async failed(): Promise<string[]> {
    const exhausted: string[] = []
    for (const rule of this.rules) {
      const store = this.limiterOf(rule)
      const { consumed, limit } = await store.increment(rule.key)
      if (consumed >= limit) {
        await store.block(rule.key, rule.blockDuration)
        if (consumed === limit) exhausted.push(rule.key)
      }
    }
    return exhausted
  }

  async succeeded(): Promise<void> {
    for (const rule of this.rules) {
      if (rule.clearedBySuccess) await this.limiterOf(rule).delete(rule.key)
    }
  }

  /** Clears the counters a success would (an unlock link, a password reset). */
  async clearAccount(): Promise<void> {
    await this.succeeded()
  }
}

/**
 * Rate limits on the doors attackers knock at. Counted in Redis, so every
 * web replica sees the same attempts.
 */
export const throttles = {
  /**
   * Wrong passwords (ASVS 2.2.1, NIST SP 800-63B 5.2.2), counted per account
   * whatever the client address, and per client address whatever the
   * account. An account: 10 in 15 minutes locks it for 15 minutes, and 100
   * without a success lock it until the unlock link e-mailed to it is used
   * (or 30 days pass). An address: 30 in 15 minutes, whichever accounts.
   */
  login(tenantId: number, ip: string, email: string) {
    return new FailureLimits([
      {
        key: `login-account:${tenantId}:${email}`,
        requests: 10,
        duration: '15 mins',
        blockDuration: '15 mins',
        clearedBySuccess: true,
      },
      {
        key: `login-account-total:${tenantId}:${email}`,
        requests: 100,
        duration: '30 days',
        blockDuration: '30 days',
        clearedBySuccess: true,
      },
      {
        key: `login-ip:${tenantId}:${ip}`,
        requests: 30,
        duration: '15 mins',
        blockDuration: '15 mins',
        clearedBySuccess: false,
      },
    ])
  },

  /** The account's own counters of the login limits (an unlock link or a reset clears them). */
  loginAccount(tenantId: number, email: string) {
    return this.login(tenantId, '-', email)
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

  /**
   * Registration attempts that failed for one customer number (a wrong
   * activation code, an address that is not the one on file), whatever the
   * client address: 10 an hour. Keyed by the number as typed (normalised),
   * known or not, so the lock tells nothing about which numbers exist.
   */
  registrationNumber(tenantId: number, number: string) {
    return new FailureLimits([
      {
        key: `register-number:${tenantId}:${number}`,
        requests: 10,
        duration: '1 hour',
        blockDuration: '1 hour',
        clearedBySuccess: false,
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

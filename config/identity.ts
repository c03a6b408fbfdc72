/**
 * Rules of the identity features (IAM). Fixed by design rather than by
 * environment; the tests shorten some periods through the config service.
 *
 * @spec IAM-2 IAM-7 IAM-8 IAM-9
 */
const identityConfig = {
  /** 6-digit codes sent to an e-mail address (recovery e-mail, lost device). */
  emailCode: {
    ttlSeconds: 15 * 60,
    maxAttempts: 5,
  },
  /** Wrong authenticator codes: this many within the window lock the step for `lockMinutes`. */
  twoStep: {
    maxAttempts: 5,
    windowMinutes: 15,
    lockMinutes: 15,
    /** How long a password-checked login may wait for its second step. */
    pendingLoginMinutes: 10,
  },
  /** The link that confirms a new main e-mail address. */
  emailChangeHours: 24,
  /** IAM-9: activation codes printed on a letter stay valid this long. */
  activationCodeWeeks: 15,
  /** IAM-9: the confirmation link of a self-registration. */
  registrationConfirmHours: 72,
}

export default identityConfig

/**
 * Identity and access (IAM): logging in and out, two-step verification,
 * lost device, profile, recovery options, forgot password, invitations,
 * self-registration, staff managing portal users, one login for every
 * customer number.
 *
 * @spec IAM-1 IAM-2 IAM-3 IAM-4 IAM-5 IAM-6 IAM-7 IAM-8 IAM-9 IAM-10 IAM-11
 */
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { accountRoutes, adminRoutes, guestRoutes, portalRoutes } from '#start/routes/areas'

export default function identityRoutes() {
  /**
   * Guests: login (IAM-1), forgot password (IAM-7), self-registration (IAM-9).
   */
  guestRoutes(() => {
    router.get('/login', [controllers.identity.Session, 'create']).as('session.create')
    router.post('/login', [controllers.identity.Session, 'store']).as('session.store')
    router
      .get('/forgot-password', [controllers.identity.PasswordReset, 'create'])
      .as('password.forgot')
    router
      .post('/forgot-password', [controllers.identity.PasswordReset, 'store'])
      .as('password.email')

    router.get('/register', [controllers.identity.Registration, 'show']).as('register.show')
    router
      .post('/register/code', [controllers.identity.Registration, 'storeWithCode'])
      .as('register.code')
    router
      .post('/register/email', [controllers.identity.Registration, 'storeWithEmail'])
      .as('register.email')
    router
      .post('/register/resend', [controllers.identity.Registration, 'resend'])
      .as('register.resend')

    /**
     * The second step of a login (IAM-2, IAM-3): the password was right, the
     * user is not logged in yet (the pending login lives in the session).
     */
    router
      .get('/login/two-step', [controllers.identity.TwoStepChallenge, 'show'])
      .as('two_step.challenge')
    router
      .post('/login/two-step', [controllers.identity.TwoStepChallenge, 'store'])
      .as('two_step.verify')
    router
      .get('/login/two-step/lost-device', [controllers.identity.TwoStepChallenge, 'lostDevice'])
      .as('two_step.lost_device')
    router
      .post('/login/two-step/lost-device', [
        controllers.identity.TwoStepChallenge,
        'sendRecoveryCode',
      ])
      .as('two_step.lost_device.send')
    router
      .post('/login/two-step/lost-device/verify', [
        controllers.identity.TwoStepChallenge,
        'verifyRecoveryCode',
      ])
      .as('two_step.lost_device.verify')
  })

  /**
   * Anybody holding a link from an e-mail (logged in or not): a new password
   * (IAM-7), unlocking a locked login (IAM-1), an invitation (IAM-8), a
   * registration (IAM-9), a new main e-mail (IAM-6).
   */
  router
    .get('/reset-password/:token', [controllers.identity.PasswordReset, 'edit'])
    .as('password.reset')
  router
    .post('/reset-password/:token', [controllers.identity.PasswordReset, 'update'])
    .as('password.update')
  router
    .get('/login/unlock/:id', [controllers.identity.Session, 'unlock'])
    .as('session.unlock')
    .where('id', router.matchers.number())
  router.get('/activate/:token', [controllers.identity.Activation, 'show']).as('activation.show')
  router.post('/activate/:token', [controllers.identity.Activation, 'store']).as('activation.store')
  router
    .get('/register/confirm/:token', [controllers.identity.Registration, 'confirm'])
    .as('register.confirm')
  router
    .get('/confirm-email/:token', [controllers.identity.Security, 'confirmEmailChange'])
    .as('email.confirm')

  /**
   * The portal home: every customer number the login reaches (IAM-11).
   */
  portalRoutes(() => {
    router.get('/', [controllers.tenancy.Home, 'show']).as('portal.home')
  })

  /**
   * The user's own account: log out (IAM-1), profile and password (IAM-5),
   * sessions, main and backup e-mail (IAM-6), own activity (TEN-9),
   * two-step verification on and off (IAM-2, IAM-4).
   */
  accountRoutes(() => {
    router.post('/logout', [controllers.identity.Session, 'destroy']).as('session.destroy')
    router.get('/account/profile', [controllers.identity.Profile, 'show']).as('profile.show')
    router.post('/account/profile', [controllers.identity.Profile, 'update']).as('profile.update')
    router
      .post('/account/password', [controllers.identity.Profile, 'updatePassword'])
      .as('password.change')
    router.get('/account/security', [controllers.identity.Security, 'show']).as('security.show')
    router
      .post('/account/sessions/:id/end', [controllers.identity.Security, 'endSession'])
      .as('sessions.end')
      .where('id', router.matchers.number())
    router
      .post('/account/sessions/end-others', [controllers.identity.Security, 'endOtherSessions'])
      .as('sessions.end_others')
    router
      .post('/account/email', [controllers.identity.Security, 'requestEmailChange'])
      .as('email.change')
    router
      .post('/account/recovery-email', [controllers.identity.RecoveryEmail, 'store'])
      .as('recovery_email.store')
    router
      .post('/account/recovery-email/verify', [controllers.identity.RecoveryEmail, 'verify'])
      .as('recovery_email.verify')
    router
      .post('/account/recovery-email/cancel', [controllers.identity.RecoveryEmail, 'cancel'])
      .as('recovery_email.cancel')
    router.get('/account/activity', [controllers.operations.OwnActivity, 'show']).as('activity.own')
    router.get('/account/two-step', [controllers.identity.TwoStep, 'show']).as('two_step.setup')
    router.post('/account/two-step', [controllers.identity.TwoStep, 'store']).as('two_step.enable')
    router
      .post('/account/two-step/disable', [controllers.identity.TwoStep, 'destroy'])
      .as('two_step.disable')
    router
      .get('/account/two-step/offer', [controllers.identity.TwoStep, 'offer'])
      .as('two_step.offer')
    router
      .post('/account/two-step/decline', [controllers.identity.TwoStep, 'decline'])
      .as('two_step.decline')
  })

  /**
   * Staff manage portal users (IAM-10) and invite them (IAM-8).
   */
  adminRoutes(() => {
    router.get('/users', [controllers.identity.Users, 'index']).as('admin.users.index')
    router
      .group(() => {
        router
          .post('/reset-password', [controllers.identity.Users, 'resetPassword'])
          .as('admin.users.reset_password')
        router.post('/block', [controllers.identity.Users, 'block']).as('admin.users.block')
        router.put('/manager', [controllers.identity.Users, 'manager']).as('admin.users.manager')
        router.post('/unblock', [controllers.identity.Users, 'unblock']).as('admin.users.unblock')
        router
          .post('/reset-account', [controllers.identity.Users, 'resetAccount'])
          .as('admin.users.reset_account')
      })
      .prefix('/users/:id')
      .where('id', router.matchers.number())
    router
      .get('/invitations', [controllers.identity.Invitations, 'index'])
      .as('admin.invitations.index')
    router
      .post('/invitations', [controllers.identity.Invitations, 'store'])
      .as('admin.invitations.store')
  })
}

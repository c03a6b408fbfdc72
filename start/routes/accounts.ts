/**
 * Customer accounts and sharing (ACC): a main contact's customer numbers
 * (their notification setting, DOC-6), handing the role over, shared users;
 * staff's view of customers and the activation codes they issue (IAM-9).
 *
 * @spec ACC-1 ACC-2 ACC-3 ACC-4
 */
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { adminRoutes, portalRoutes } from '#start/routes/areas'

export default function accountsRoutes() {
  /**
   * The main contact's customer numbers (ACC-1, ACC-3) and shared users
   * (ACC-2, ACC-4).
   */
  portalRoutes(() => {
    router
      .get('/customer-numbers', [controllers.accounts.CustomerNumbers, 'index'])
      .as('customer_numbers.index')
    router
      .put('/customer-numbers/:id/notifications', [
        controllers.accounts.CustomerNumbers,
        'notifyMode',
      ])
      .as('customer_numbers.notify_mode')
      .where('id', router.matchers.number())
    router
      .post('/customer-numbers/:id/hand-over', [controllers.accounts.CustomerNumbers, 'handOver'])
      .as('customer_numbers.hand_over')
      .where('id', router.matchers.number())
    router
      .get('/shared-users', [controllers.accounts.SharedUsers, 'index'])
      .as('shared_users.index')
    router
      .post('/shared-users', [controllers.accounts.SharedUsers, 'store'])
      .as('shared_users.store')
    router
      .put('/shared-users/:id', [controllers.accounts.SharedUsers, 'update'])
      .as('shared_users.update')
      .where('id', router.matchers.number())
    router
      .put('/shared-users/:id/email', [controllers.accounts.SharedUsers, 'changeEmail'])
      .as('shared_users.email')
      .where('id', router.matchers.number())
    router
      .delete('/shared-users/:id', [controllers.accounts.SharedUsers, 'destroy'])
      .as('shared_users.destroy')
      .where('id', router.matchers.number())
  })

  /**
   * Staff: customers and their customer numbers (ACC-1), their internal
   * manager (DOC-9), activation codes for self-registration (IAM-9).
   */
  adminRoutes(() => {
    router.get('/customers', [controllers.accounts.Customers, 'index']).as('admin.customers.index')
    router
      .get('/customers/:id', [controllers.accounts.Customers, 'show'])
      .as('admin.customers.show')
      .where('id', router.matchers.number())
    router
      .put('/customers/:id/manager', [controllers.accounts.Customers, 'manager'])
      .as('admin.customers.manager')
      .where('id', router.matchers.number())
    router.post('/customers', [controllers.accounts.Customers, 'store']).as('admin.customers.store')
    router
      .post('/customer-numbers/:id/activation-codes', [controllers.accounts.Customers, 'issueCode'])
      .as('admin.customers.issue_code')
      .where('id', router.matchers.number())
  })
}

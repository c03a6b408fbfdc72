/**
 * The portal pages a tenant admin can put a message on (TEN-5), keyed by the
 * Inertia page name the layouts see as `page.component`. The order is the
 * order of the admin page's list; each page's label is
 * `portal_messages.pages.<key>` in resources/lang/<locale>/ui.json.
 *
 * The login and registration pages come first: a message before login
 * ("maintenance on Saturday") is the most common one.
 *
 * @spec TEN-5
 */
export const PORTAL_PAGES = [
  { component: 'auth/login', key: 'login' },
  { component: 'auth/register', key: 'register' },
  { component: 'portal/home', key: 'home' },
  { component: 'portal/documents', key: 'documents' },
  { component: 'portal/document', key: 'document' },
  { component: 'portal/downloads', key: 'downloads' },
  { component: 'portal/upload', key: 'upload' },
  { component: 'portal/customer_numbers', key: 'customer_numbers' },
  { component: 'portal/shared_users', key: 'shared_users' },
  { component: 'account/profile', key: 'profile' },
] as const

export type PortalPage = (typeof PORTAL_PAGES)[number]['component']

export const PORTAL_PAGE_COMPONENTS = PORTAL_PAGES.map((page) => page.component)

export function isPortalPage(value: unknown): value is PortalPage {
  return typeof value === 'string' && (PORTAL_PAGE_COMPONENTS as string[]).includes(value)
}

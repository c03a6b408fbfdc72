/**
 * The UI kit: what a plugin's pages and components may import from the core's
 * front end (`import { PortalLayout, useI18n } from '@kit'`). Nothing else
 * under resources/ is public; eslint refuses other imports from plugins.
 *
 * - Layouts: `PortalLayout` (customers, staff and admin pages, with the
 *   tenant's menu and branding), `AuthLayout` (narrow pages for visitors).
 * - Fields and messages: `TextField`, `CodeField`, `FlashMessages`,
 *   `RichTextEditor`, `ActivityTable`.
 * - Helpers: `useI18n()` (the page's language: `t`, `formatDate`,
 *   `formatMoney`; a plugin's texts are `t('<plugin id>.<key>')`),
 *   `urlFor(routeName, params)`, and Inertia's `Form`, `Link`, `Head`,
 *   `router`, `usePage`.
 */
export { default as PortalLayout } from '~/layouts/portal_layout.vue'
export { default as AuthLayout } from '~/layouts/auth_layout.vue'
export { default as TextField } from '~/components/text_field.vue'
export { default as CodeField } from '~/components/code_field.vue'
export { default as FlashMessages } from '~/components/flash_messages.vue'
export { default as RichTextEditor } from '~/components/rich_text_editor.vue'
export { default as ActivityTable } from '~/components/activity_table.vue'
export { useI18n } from '~/i18n'
export { urlFor } from '~/client'
export { Form, Link } from '@adonisjs/inertia/vue'
export { Head, router, useForm, usePage } from '@inertiajs/vue3'
/** Page prop types: `defineProps<InertiaProps<{ rows: Data.Documents.DocumentRow[] }>>()`. */
export type { Data, InertiaProps, SharedProps } from '~/types'

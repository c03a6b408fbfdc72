import './css/app.css'
import { createApp, h, type DefineComponent } from 'vue'
import { createInertiaApp, router } from '@inertiajs/vue3'
import { resolvePageComponent } from '@adonisjs/inertia/helpers'
import { TuyauProvider } from '@adonisjs/inertia/vue'
import { client } from '~/client'

createInertiaApp({
  title: (title) => title,
  resolve: (name) =>
    resolvePageComponent(
      `./pages/${name}.vue`,
      import.meta.glob<DefineComponent>('./pages/**/*.vue')
    ),
  setup({ el, App, props, plugin }) {
    createApp({ setup: () => () => h(TuyauProvider, { client }, { default: () => h(App, props) }) })
      .use(plugin)
      .mount(el)
  },
  progress: {
    color: '#6b7280',
  },
})

/**
 * The back button shows a page from the browser's history without asking
 * the server. The documents list changes by visiting other pages (a
 * document opened is no longer unread), so it is fetched again then.
 */
window.addEventListener('popstate', () => {
  setTimeout(() => {
    if (window.location.pathname === '/documents') {
      router.reload({ only: ['documents', 'next', 'previous'] })
    }
  }, 0)
})

import './css/app.css'
import { createApp, h, type DefineComponent } from 'vue'
import { createInertiaApp, router } from '@inertiajs/vue3'
import { resolvePageComponent } from '@adonisjs/inertia/helpers'
import { TuyauProvider } from '@adonisjs/inertia/vue'
import { client } from '~/client'
import { pluginPages } from 'virtual:plugin-pages'

const corePages = import.meta.glob<DefineComponent>('./pages/**/*.vue')

createInertiaApp({
  title: (title) => title,
  /**
   * Core pages by their path under pages/; a plugin's as `<plugin id>/<path>`
   * (plugins/<id>/pages/<path>.vue), each in its own chunk.
   */
  resolve: (name) =>
    `./pages/${name}.vue` in corePages
      ? resolvePageComponent(`./pages/${name}.vue`, corePages)
      : resolvePageComponent(name, pluginPages),
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

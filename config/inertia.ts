import { defineConfig } from '@adonisjs/inertia'

const inertiaConfig = defineConfig({
  /**
   * The Edge template that hosts every Vue page.
   */
  rootView: 'inertia_layout',

  /**
   * Back-button history keeps page props; encrypting it keeps one user's
   * documents out of the next user's browser history after logout.
   */
  encryptHistory: true,

  ssr: {
    enabled: false,
    entrypoint: 'resources/ssr.ts',
  },
})

export default inertiaConfig

import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import tailwindcss from '@tailwindcss/vite'
import adonisjs from '@adonisjs/vite/client'

export default defineConfig({
  plugins: [
    vue(),
    tailwindcss(),
    adonisjs({
      entryPoints: ['resources/app.ts'],
      reload: ['resources/views/**/*.edge'],
      buildDirectory: 'resources/public/assets',
    }),
  ],
  server: {
    /**
     * Tenants answer on their own hosts (custom domains, `<slug>.localhost`):
     * the Adonis app decides which hosts exist, not Vite.
     */
    allowedHosts: true,
  },
  resolve: {
    alias: {
      '~/': fileURLToPath(new URL('./resources/', import.meta.url)),
      '@generated': fileURLToPath(new URL('./.adonisjs/client', import.meta.url)),
    },
  },
})

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
    /**
     * The dev server runs inside the web server: it may read the front end's
     * sources, the generated client registry and the dependencies, nothing
     * else of the project (tmp/ holds the database and the stored files).
     * The web server forwards only those paths to it
     * (app/middleware/vite_dev_assets_middleware.ts).
     */
    fs: {
      strict: true,
      allow: ['resources', '.adonisjs/client', 'node_modules'].map((folder) =>
        fileURLToPath(new URL(`./${folder}`, import.meta.url))
      ),
      // Matched against absolute paths: the project's own tmp/, not any folder named tmp.
      deny: [
        '.env',
        '.env.*',
        '*.{crt,pem,key}',
        '**/.git/**',
        '**/*.sqlite3*',
        `${fileURLToPath(new URL('./tmp', import.meta.url))}/**`,
      ],
    },
  },
  resolve: {
    alias: {
      '~/': fileURLToPath(new URL('./resources/', import.meta.url)),
      '@generated': fileURLToPath(new URL('./.adonisjs/client', import.meta.url)),
    },
  },
})

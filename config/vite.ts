import { defineConfig } from '@adonisjs/vite'

const viteBackendConfig = defineConfig({
  buildDirectory: 'resources/public/assets',
  manifestFile: 'resources/public/assets/.vite/manifest.json',
  assetsUrl: '/assets',
})

export default viteBackendConfig

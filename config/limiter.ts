import { defineConfig, stores } from '@adonisjs/limiter'

/**
 * Rate limits are kept in Redis so every web replica counts the same attempts.
 */
const limiterConfig = defineConfig({
  default: 'redis',
  stores: {
    redis: stores.redis({ connectionName: 'main', keyPrefix: 'portal:limiter' }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}

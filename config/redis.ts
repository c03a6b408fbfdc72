import env from '#start/env'
import { defineConfig } from '@adonisjs/redis'
import type { InferConnections } from '@adonisjs/redis/types'

/**
 * REDIS_URL (redis://[:password@]host:port[/db]) split into ioredis options.
 */
function fromUrl(value: string) {
  const url = new URL(value)
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: Number(url.pathname.replace('/', '') || 0),
    tls: url.protocol === 'rediss:' ? {} : undefined,
  }
}

export const redisOptions = fromUrl(env.get('REDIS_URL'))

const redisConfig = defineConfig({
  connection: 'main',
  connections: {
    main: {
      ...redisOptions,
      keyPrefix: '',
      /**
       * Fail fast instead of queueing commands forever when Redis is down: the
       * health check and the rate limiter answer with an error instead of hanging.
       */
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy(times) {
        return Math.min(times * 200, 2000)
      },
    },
  },
})

export default redisConfig

declare module '@adonisjs/redis/types' {
  export interface RedisConnections extends InferConnections<typeof redisConfig> {}
}

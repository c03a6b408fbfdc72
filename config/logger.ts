import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, targets } from '@adonisjs/core/logger'

/**
 * Structured logs: JSON lines on stdout (one object per line with level, time,
 * request id, tenant). `LOG_PRETTY=true` pretty-prints them for a terminal.
 */
const pretty = env.get('LOG_PRETTY', !app.inProduction && !app.inTest)

const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: 'portal',
      level: env.get('LOG_LEVEL'),
      transport: {
        targets: targets()
          .pushIf(pretty, targets.pretty())
          .pushIf(!pretty, targets.file({ destination: 1 }))
          .toArray(),
      },
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}

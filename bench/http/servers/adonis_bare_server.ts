/**
 * The same JSON route on Adonis' HTTP server with every middleware removed:
 * router, HttpContext and response serialisation only.
 */
import 'reflect-metadata'
import { createServer } from 'node:http'
import { AppFactory } from '@adonisjs/core/factories/app'
import { ServerFactory } from '@adonisjs/core/factories/http'

const port = Number(process.env.PORT)
const app = new AppFactory().create(new URL('../../../', import.meta.url), (path) => import(path))
await app.init()
const server = new ServerFactory().merge({ app }).create()
server.getRouter().get('/bench.json', () => ({ ok: true, tenant: 'demo' }))
await server.boot()

createServer(server.handle.bind(server)).listen(port, '127.0.0.1', () => process.send?.('ready'))

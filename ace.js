/*
|--------------------------------------------------------------------------
| JavaScript entrypoint for running ace commands
|--------------------------------------------------------------------------
|
| Node cannot run the TypeScript sources directly: register the ts-exec hook,
| then hand over to bin/console.ts.
|
*/

import '@poppinss/ts-exec'

await import('./bin/console.js')

/**
 * Documents (DOC): the list, labels, uploads, ZIP downloads, a document's
 * detail, files and rights in the portal; categories and their grants in
 * the admin area. The publishing API is in start/routes/api.ts.
 *
 * @spec DOC-1 DOC-2 DOC-3 DOC-4 DOC-5 DOC-7 DOC-8 DOC-9 DOC-10
 */
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { adminRoutes, portalRoutes } from '#start/routes/areas'

export default function documentsRoutes() {
  portalRoutes(() => {
    // DOC-2: the list
    router.get('/documents', [controllers.documents.Documents, 'index']).as('documents.index')
    // DOC-5: labels
    router.post('/labels', [controllers.documents.Labels, 'store']).as('labels.store')
    router
      .put('/labels/:id', [controllers.documents.Labels, 'update'])
      .as('labels.update')
      .where('id', router.matchers.number())
    router
      .delete('/labels/:id', [controllers.documents.Labels, 'destroy'])
      .as('labels.destroy')
      .where('id', router.matchers.number())
    router.post('/documents/labels', [controllers.documents.Labels, 'apply']).as('labels.apply')
    // DOC-9: uploads
    router.get('/documents/upload', [controllers.documents.Uploads, 'create']).as('uploads.create')
    router.post('/documents/upload', [controllers.documents.Uploads, 'store']).as('uploads.store')
    // DOC-4: ZIPs built in the background
    router.post('/documents/zip', [controllers.documents.Downloads, 'store']).as('downloads.store')
    router.get('/downloads', [controllers.documents.Downloads, 'index']).as('downloads.index')
    router
      .get('/downloads/:id/file', [controllers.documents.Downloads, 'file'])
      .as('downloads.file')
      .where('id', router.matchers.number())
    router
      .post('/downloads/:id/retry', [controllers.documents.Downloads, 'retry'])
      .as('downloads.retry')
      .where('id', router.matchers.number())
    // DOC-3: the detail and its files (DOC-1); DOC-7, DOC-10: rights and category
    router
      .group(() => {
        router.get('/', [controllers.documents.Documents, 'show']).as('documents.show')
        router.put('/', [controllers.documents.Documents, 'update']).as('documents.update')
        router.delete('/', [controllers.documents.Documents, 'destroy']).as('documents.destroy')
        router
          .put('/audience', [controllers.documents.DocumentRights, 'audience'])
          .as('documents.audience')
        router
          .put('/category', [controllers.documents.DocumentRights, 'classify'])
          .as('documents.classify')
        router
          .post('/grants', [controllers.documents.DocumentRights, 'storeGrant'])
          .as('documents.grants.store')
        router
          .put('/grants/:grantId', [controllers.documents.DocumentRights, 'updateGrant'])
          .as('documents.grants.update')
          .where('grantId', router.matchers.number())
        router
          .delete('/grants/:grantId', [controllers.documents.DocumentRights, 'destroyGrant'])
          .as('documents.grants.destroy')
          .where('grantId', router.matchers.number())
        router.get('/csv', [controllers.documents.Documents, 'csv']).as('documents.csv')
        router
          .get('/files/:kind', [controllers.documents.Documents, 'file'])
          .as('documents.file')
          .where('kind', /^(pdf|ubl|attachment)$/)
      })
      .prefix('/documents/:id')
      .where('id', router.matchers.number())
  })

  /**
   * Staff: categories and who is granted each (DOC-8, DOC-10).
   */
  adminRoutes(() => {
    router
      .get('/categories', [controllers.documents.Categories, 'index'])
      .as('admin.categories.index')
    router
      .post('/categories', [controllers.documents.Categories, 'store'])
      .as('admin.categories.store')
    router
      .group(() => {
        router.put('/', [controllers.documents.Categories, 'update']).as('admin.categories.update')
        router
          .delete('/', [controllers.documents.Categories, 'destroy'])
          .as('admin.categories.destroy')
        router
          .post('/grants', [controllers.documents.Categories, 'storeGrant'])
          .as('admin.categories.grants.store')
        router
          .put('/grants/:grantId', [controllers.documents.Categories, 'updateGrant'])
          .as('admin.categories.grants.update')
          .where('grantId', router.matchers.number())
        router
          .delete('/grants/:grantId', [controllers.documents.Categories, 'destroyGrant'])
          .as('admin.categories.grants.destroy')
          .where('grantId', router.matchers.number())
      })
      .prefix('/categories/:id')
      .where('id', router.matchers.number())
  })
}

import { test } from '@japa/runner'
import { resetWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory } from '#database/factories/user_factory'

const HOSTILE_NAMES = [
  '<!--<script>',
  '</script><img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  'Ann & <b>Bob</b> \u2028',
]

function embeddedPageData(html: string): string {
  const start = html.indexOf('<script data-page="app" type="application/json">')
  if (start < 0) throw new Error('no page data in the HTML')
  const from = start + '<script data-page="app" type="application/json">'.length
  return html.slice(from, html.indexOf('</script>', from))
}

test.group('Security / page data embedded in HTML', (group) => {
  resetWorld(group)

  test('user text in the page data can neither end nor open a tag, and reads back the same', async ({
    client,
    assert,
  }) => {
    const tenant = await TenantFactory.create()
    const admin = await UserFactory.for(tenant).apply('admin').create()
    for (const [index, name] of HOSTILE_NAMES.entries())
      await UserFactory.for(tenant)
        .merge({ email: `hostile${index}@example.com`, firstName: name })
        .create()

    // A full page load, as a browser's first visit (no X-Inertia header).
    const response = await client.get('/admin/users').forTenant(tenant.slug).loginAs(admin)
    response.assertStatus(200)
    const html = response.text()
    const data = embeddedPageData(html)
    assert.notMatch(data, /[<>]/)
    // The document goes on after the page data: the mount element is there.
    assert.include(html.slice(html.indexOf(data) + data.length), '<div id="app"></div>')
    const page = JSON.parse(data) as { component: string }
    assert.equal(page.component, 'admin/users')
    for (const name of HOSTILE_NAMES)
      assert.include(JSON.stringify(page), JSON.stringify(name).slice(1, -1))
  })
})

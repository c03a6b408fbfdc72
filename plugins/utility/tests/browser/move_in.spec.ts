/** @spec UTIL-1 UTIL-2 UTIL-4 */
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { tenantContext } from '#core/tenancy'
import {
  TenantFactory,
  UserFactory,
  PASSWORD,
  enablePlugin,
  maildev,
  resetWorld,
  tenantUrl,
} from '#core/testing'
import Premise from '../../app/models/premise.js'
import PremiseService from '../../app/models/premise_service.js'
import Meter from '../../app/models/meter.js'

/**
 * The move-in as people do it, in Chromium, in Dutch: a visitor starts
 * from the login page, closes the browser after step 3, comes back through
 * the e-mailed link and confirms; staff tick the four tasks and process it;
 * the resident activates the portal account from the invitation and finds
 * the contract on the home page.
 */
test.group('Browser / utility move-in', (group) => {
  resetWorld(group)

  test('a visitor moves in, resumes from the e-mail, staff process it, the resident sees the contract', async ({
    browser,
    browserContext,
    assert,
  }) => {
    const tenant = await TenantFactory.merge({ name: 'Warmte Gent', defaultLocale: 'nl' }).create()
    await enablePlugin(tenant, 'utility')
    const staff = await UserFactory.for(tenant).apply('staff').merge({ locale: 'nl' }).create()
    await tenantContext.run(tenant.id, async () => {
      const premise = await Premise.create({
        street: 'Zuidparklaan',
        houseNumber: '12',
        unit: 'bus 7',
        postalCode: '9000',
        city: 'Gent',
        connectionCode: 'WN-GENT-0007',
      })
      for (const [service, serial, unit] of [
        ['heat', 'WM-20457', 'kWh'],
        ['hot_water', 'WW-20457', 'm3'],
      ] as const) {
        await PremiseService.create({ premiseId: premise.id, service })
        await Meter.create({
          premiseId: premise.id,
          service,
          serial,
          unit,
          installedOn: DateTime.fromISO('2023-01-02'),
        })
      }
    })
    const url = (path: string) => tenantUrl(tenant.slug, path)
    const today = DateTime.now().setZone('Europe/Brussels').toISODate()!

    // Steps 1 to 3 in a first browser, from the login page's "How can we help?".
    const first = await browser.newContext({ locale: 'nl-BE' })
    const visitor = await first.newPage()
    await visitor.goto(url('/login'))
    await visitor.getByRole('link', { name: 'Een inhuizing melden' }).click()
    await visitor.getByRole('button', { name: 'Beginnen' }).click()
    await visitor.waitForURL(url('/utility/move-in/step/1'))
    await visitor.locator('[name=postalCode]').fill('9000')
    await visitor.locator('[name=meterSerial]').fill('wm-20457')
    await visitor.getByRole('button', { name: 'Volgende' }).click()
    await visitor.waitForURL(url('/utility/move-in/step/2'))
    await visitor.locator('[name=moveDate]').fill(today)
    await visitor.getByRole('button', { name: 'Volgende' }).click()
    await visitor.waitForURL(url('/utility/move-in/step/3'))
    await visitor.locator('[name=firstName]').fill('Lotte')
    await visitor.locator('[name=lastName]').fill('Claes')
    await visitor.locator('[name=email]').fill('lotte@example.com')
    await visitor.locator('[name=phone]').fill('+32 470 12 34 56')
    await visitor.getByRole('button', { name: 'Volgende' }).click()
    await visitor.waitForURL(url('/utility/move-in/step/4'))
    await first.close()

    // The browser is gone; the e-mailed link opens the wizard where it was, in another one.
    const [resume] = await maildev.waitFor('lotte@example.com')
    assert.include(resume.subject, 'Ga verder met uw inhuizing bij Warmte Gent')
    const second = await browser.newContext({ locale: 'nl-BE' })
    const again = await second.newPage()
    await again.goto(maildev.link(resume, '/utility/move-in/resume/'))
    await again.waitForURL(url('/utility/move-in/step/4'))
    await again.getByRole('radio', { name: 'Vast tarief' }).first().waitFor()
    for (const radio of await again.getByRole('radio', { name: 'Vast tarief' }).all()) {
      await radio.check()
    }
    await again.getByRole('button', { name: 'Volgende' }).click()
    await again.waitForURL(url('/utility/move-in/step/5'))
    const readings = again.locator('input[inputmode=decimal]')
    await readings.first().waitFor()
    await readings.nth(0).fill('15.234,5')
    await readings.nth(1).fill('312')
    await again.getByRole('button', { name: 'Volgende' }).click()
    await again.waitForURL(url('/utility/move-in/step/6'))
    await again.locator('input[name=method][value=direct_debit]').check()
    await again.locator('[name=iban]').fill('BE68 5390 0754 7035')
    await again.locator('[name=holder]').fill('Lotte Claes')
    await again.locator('[name=mandate]').check()
    await again.getByRole('button', { name: 'Volgende' }).click()
    // A mistyped IBAN is refused in Dutch and nothing typed is lost.
    await again
      .getByText('Dit IBAN-nummer is niet geldig: controleer de cijfers.')
      .first()
      .waitFor()
    assert.equal(await again.locator('[name=holder]').inputValue(), 'Lotte Claes')
    await again.locator('[name=iban]').fill('BE68 5390 0754 7034')
    await again.getByRole('button', { name: 'Volgende' }).click()
    await again.waitForURL(url('/utility/move-in/step/7'))
    const review = await again.locator('main').innerText()
    assert.include(review, 'Zuidparklaan 12 bus 7, 9000 Gent')
    assert.match(review, /15[.\u202f\u00a0]?234,5/)
    await again.locator('[name=terms]').check()
    await again.getByRole('button', { name: 'Mijn inhuizing bevestigen' }).click()
    await again.waitForURL(url('/utility/move-in/done'))
    const receipt = await again.locator('main').innerText()
    const reference = receipt.match(/MI-\d{4}-\d{5}/)![0]
    await second.close()

    // Staff tick the four tasks and process the request.
    const desk = await browserContext.newPage()
    await desk.goto(url('/login'))
    await desk.getByLabel('E-mail address').fill(staff.email)
    await desk.getByLabel('Password').fill(PASSWORD)
    await desk.getByRole('button', { name: 'Log in' }).click()
    await desk.getByRole('button', { name: 'Niet nu' }).click()
    await desk.waitForURL(url('/'))
    await desk.goto(url('/admin/utility/moves'))
    await desk.getByRole('link', { name: reference }).click()
    for (const task of [
      'confirm_customer',
      'confirm_location',
      'confirm_contract',
      'confirm_measurements',
    ]) {
      const row = desk.getByTestId(`move-task-${task}`)
      await row.getByRole('button', { name: 'Markeren als gedaan' }).click()
      await desk.locator(`[data-testid="move-task-${task}"][data-done="true"]`).waitFor()
    }
    await desk.getByRole('button', { name: 'Verwerken' }).click()
    await desk
      .getByText(
        'Verwerkt: het contract is aangemaakt en de bewoner is uitgenodigd op het portaal.'
      )
      .waitFor()

    // The resident activates the account from the invitation and sees the contract.
    const mails = await maildev.waitFor('lotte@example.com', { count: 4 })
    const invitation = mails.find((mail) => mail.html.includes('/activate/'))!
    const third = await browser.newContext({ locale: 'nl-BE' })
    const resident = await third.newPage()
    await resident.goto(maildev.link(invitation, '/activate/'))
    await resident.getByLabel('Nieuw wachtwoord').fill('lotte-kiest-dit-wachtwoord')
    await resident.getByLabel('Herhaal het wachtwoord').fill('lotte-kiest-dit-wachtwoord')
    await resident.getByRole('button', { name: 'Mijn account activeren' }).click()
    await resident.waitForURL((target) => !target.pathname.startsWith('/activate'))
    await resident.goto(url('/'))
    const overview = resident.getByTestId('utility-overview')
    await overview.waitFor()
    const text = await overview.innerText()
    assert.match(text, /Contract C-\d{4}-\d{5}/)
    assert.include(text, 'Zuidparklaan 12 bus 7, 9000 Gent')
    await third.close()
  })
})

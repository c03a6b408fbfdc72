/** @spec TEN-6 */
import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import Tenant from '#models/tenant'
import {
  checkTemplate,
  defaultSource,
  renderMail,
  sanitizeTemplateBody,
  type MailSource,
} from '#mails/liquid_mail'
import {
  MAIL_TEMPLATE_NAMES,
  templateDefinition,
  templateVariables,
  type MailTemplateName,
} from '#mails/templates'
import { LOCALES, type Locale } from '#services/locale'

function tenant(): Tenant {
  const row = new Tenant()
  row.merge({ slug: 'lessor', name: 'Lessor & Co', primaryColor: '#0f766e', customHost: null })
  return row
}

function sample(name: MailTemplateName, locale: Locale = 'en') {
  return templateVariables(
    name,
    templateDefinition(name).sample(tenant()),
    tenant(),
    i18nManager.locale(locale)
  )
}

function check(name: MailTemplateName, source: Partial<MailSource>, locale: Locale = 'en') {
  return checkTemplate(
    name,
    { ...defaultSource(name, locale), ...source },
    sample(name, locale),
    locale,
    i18nManager.locale('en')
  )
}

const layout = { tenantName: 'Lessor & Co', primaryColor: '#0f766e', locale: 'en' }

test.group('Mail templates / defaults', () => {
  test('every e-mail has a default in every language that passes the checks untouched', ({
    assert,
  }) => {
    for (const name of MAIL_TEMPLATE_NAMES) {
      for (const locale of LOCALES) {
        const source = defaultSource(name, locale)
        const checked = check(name, source, locale)
        assert.deepEqual(checked.problems, [], `${locale}/${name}`)
        assert.isFalse(checked.htmlRemoved, `${locale}/${name}: the allow-list removes nothing`)
      }
    }
  })

  test('every default renders a subject, HTML in the layout and a text part', async ({
    assert,
  }) => {
    for (const name of MAIL_TEMPLATE_NAMES) {
      for (const locale of LOCALES) {
        const mail = await renderMail(defaultSource(name, locale), sample(name, locale), {
          ...layout,
          locale,
        })
        assert.isAbove(mail.subject.length, 5, `${locale}/${name}`)
        assert.include(mail.html, '<html lang="' + locale + '">')
        assert.include(mail.html, 'Lessor &amp; Co')
        assert.notInclude(mail.html, '{{', `${locale}/${name}: no Liquid left`)
        assert.notInclude(mail.text, '<', `${locale}/${name}: no HTML in the text part`)
        // The sample's person (by name, or by address when the recipient is not known by name).
        assert.match(mail.text, /marie/i, `${locale}/${name}`)
      }
    }
  })

  test('the wording is kept: greeting, buttons, plural forms in each language', async ({
    assert,
  }) => {
    const fr = await renderMail(defaultSource('email_change', 'fr'), sample('email_change', 'fr'), {
      ...layout,
      locale: 'fr',
    })
    assert.equal(
      fr.subject,
      'Confirmez votre nouvelle adresse e-mail pour le portail de Lessor & Co'
    )
    assert.include(fr.text, 'Bonjour Marie,')
    assert.include(fr.text, 'dans les 24 heures')

    const code = await renderMail(
      defaultSource('email_code', 'en'),
      { ...sample('email_code'), validMinutes: 1 },
      layout
    )
    assert.include(code.text, 'valid for 1 minute and')
    assert.match(code.text, /\b123456\b/)

    const published = await renderMail(
      defaultSource('documents_published', 'nl'),
      sample('documents_published', 'nl'),
      { ...layout, locale: 'nl' }
    )
    assert.equal(published.subject, '3 nieuwe documenten op het portaal van Lessor & Co')
    assert.include(published.text, 'Lease December')
    assert.include(published.text, 'in bijlage')
    assert.include(published.text, '… en nog 1 document in het portaal.')
    assert.include(published.html, '€')
  })
})

test.group('Mail templates / checks on save', () => {
  test('a template with an unknown variable is refused, naming it with its place', ({ assert }) => {
    const checked = check('invitation', { body: '<p>Hello {{ firstName }}</p>\n<p>{{ iban }}</p>' })
    assert.lengthOf(checked.problems, 1)
    assert.equal(checked.problems[0].field, 'body')
    assert.include(checked.problems[0].message, 'Unknown variable: “iban” (line 2, column 7)')
    assert.include(checked.problems[0].message, 'activationUrl')

    const subject = check('invitation', { subject: 'Hi {{ user.password }}' })
    assert.equal(subject.problems[0].field, 'subject')
    assert.include(subject.problems[0].message, '“user”')
  })

  test('loop variables, assignments and forloop are not unknown', ({ assert }) => {
    const checked = check('documents_published', {
      body: '{% assign n = 0 %}<ul>{% for document in documents %}<li>{{ forloop.index }}. {{ document.title }}</li>{% endfor %}</ul>{% capture c %}x{% endcapture %}<p>{{ c }}{{ n }}</p>',
    })
    assert.deepEqual(checked.problems, [])
  })

  test('a syntax error is refused with its line and column', ({ assert }) => {
    const unclosed = check('invitation', {
      body: '<p>Hello</p>\n{% if firstName %}<p>{{ firstName }}</p>',
    })
    assert.equal(unclosed.problems[0].field, 'body')
    assert.equal(unclosed.problems[0].message, 'Line 2, column 1: {% if firstName %} is not closed')
    const output = check('invitation', { subject: 'Hello {{ firstName' })
    assert.match(output.problems[0].message, /^Line 1, column 7: a variable is not closed/)
    const filter = check('invitation', { body: '<p>{{ firstName | shout }}</p>' })
    assert.include(filter.problems[0].message, 'the filter “shout” does not exist')
    const tag = check('invitation', { body: '<p>{% iff firstName %}</p>' })
    assert.include(tag.problems[0].message, 'Line 1, column 4')
  })

  test('tags that read files are refused', ({ assert }) => {
    for (const body of [
      '{% include "secrets" %}',
      '{% render "x" %}',
      '{% layout "x" %}',
      '{% liquid echo firstName %}',
    ]) {
      const checked = check('invitation', { body: `<p>Hi</p>${body}` })
      assert.equal(checked.problems[0]?.field, 'body', body)
      assert.include(checked.problems[0].message, 'cannot be used in e-mails', body)
    }
  })

  test('a template that never ends is refused', ({ assert }) => {
    const checked = check('invitation', {
      body: '<p>{% for i in (1..100000000) %}{{ firstName }}{% endfor %}</p>',
    })
    assert.equal(checked.problems[0].field, 'body')
    assert.include(checked.problems[0].message, 'too much time or memory')
  })

  test('a subject or body that renders empty is refused', ({ assert }) => {
    const checked = check('invitation', { subject: '{% if false %}x{% endif %}', body: '<p> </p>' })
    assert.deepEqual(
      checked.problems.map((problem) => problem.field),
      ['subject', 'body']
    )
  })

  test('hostile HTML is removed, the Liquid in attributes kept', ({ assert }) => {
    const checked = check('invitation', {
      body: [
        '<p onclick="steal()">Hello {{ firstName }}</p>',
        '<script>alert(document.cookie)</script>',
        '<a href="javascript:alert(1)">click</a>',
        '<a href="{{ activationUrl }}" style="background:{{ primaryColor }};position:fixed;color:#fff">Go</a>',
        '<img src="https://evil.example/x.png" onerror="x()">',
        '<iframe src="https://evil.example"></iframe>',
        '<p style="background:url(https://evil.example/t.png)">Bye</p>',
      ].join('\n'),
    })
    assert.deepEqual(checked.problems, [])
    assert.isTrue(checked.htmlRemoved)
    const body = checked.source.body
    for (const hostile of [
      'script',
      'onclick',
      'javascript:',
      'img',
      'iframe',
      'url(',
      'position',
    ]) {
      assert.notInclude(body, hostile)
    }
    assert.include(
      body,
      '<a href="{{ activationUrl }}" style="background:{{ primaryColor }};color:#fff">Go</a>'
    )
    assert.include(body, '<p>Hello {{ firstName }}</p>')
  })

  test('Liquid comparisons survive the HTML cleaning', ({ assert }) => {
    const { body, removed } = sanitizeTemplateBody(
      '{% if total > 1 and more < 3 %}<p>many & more</p>{% endif %}'
    )
    assert.equal(body, '{% if total > 1 and more < 3 %}<p>many &amp; more</p>{% endif %}')
    assert.isFalse(removed)

    const styled = sanitizeTemplateBody('<p style="color: #333; font-weight: bold;">Hi</p><br>')
    assert.equal(styled.body, '<p style="color:#333;font-weight:bold">Hi</p><br />')
    assert.isFalse(styled.removed, 'rewriting allowed styles is not removing anything')
  })
})

test.group('Mail templates / rendering', () => {
  test('values are escaped and links from values are cleaned', async ({ assert }) => {
    const mail = await renderMail(
      {
        subject: 'Hi {{ firstName }}',
        body: '<p>{{ firstName }}</p><p><a href="{{ activationUrl }}">Go</a></p>',
      },
      {
        ...sample('invitation'),
        firstName: '<b onmouseover="x()">Eve</b> & Co',
        activationUrl: 'javascript:alert(1)',
      },
      layout
    )
    assert.equal(mail.subject, 'Hi <b onmouseover="x()">Eve</b> & Co')
    assert.include(mail.html, '&lt;b onmouseover="x()"&gt;Eve&lt;/b&gt; &amp; Co')
    assert.notInclude(mail.html, 'javascript:')
    assert.include(mail.text, '<b onmouseover="x()">Eve</b> & Co')
  })
})

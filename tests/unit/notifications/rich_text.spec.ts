/** @spec TEN-5 */
import { test } from '@japa/runner'
import { isAllowedLink, plainText, sanitizeRichText } from '#services/rich_text'

test.group('Portal messages / sanitiser (TEN-5)', () => {
  test('sanitiser removes script, event handlers and javascript: links but keeps the allowed formatting', ({
    assert,
  }) => {
    const input =
      '<h2>Title</h2><p onclick="steal()">Hello <strong>bold</strong> <em>it</em> <u>under</u> <s>gone</s></p>' +
      '<script>alert(1)</script><img src="x" onerror="alert(2)">' +
      '<a href="javascript:alert(3)">bad</a> <a href="https://example.com/x?a=1&amp;b=2">good</a>'
    const result = sanitizeRichText(input)
    assert.equal(
      result.html,
      '<h2>Title</h2><p>Hello <strong>bold</strong> <em>it</em> <u>under</u> <s>gone</s></p>' +
        'bad <a href="https://example.com/x?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">good</a>'
    )
    assert.notInclude(result.html, 'script')
    assert.notInclude(result.html, 'alert')
    assert.notInclude(result.html, 'onclick')
    assert.notInclude(result.html, 'onerror')
    assert.sameMembers(result.hostile, ['onclick', '<script>', '<img>', 'onerror', 'javascript:'])
  })

  test('every kind of formatting the editor offers is kept as is', ({ assert }) => {
    const html =
      '<h2>A</h2><h3>B</h3><h4>C</h4>' +
      '<p><strong>b</strong><b>b</b><em>i</em><i>i</i><u>u</u><s>s</s><strike>s</strike><br />x</p>' +
      '<ol><li><p>one</p></li></ol><ul><li><p>two</p></li></ul>' +
      '<p><span style="color:#b91c1c">red</span> <span style="color:rgb(29, 78, 216)">blue</span> ' +
      '<mark style="background-color:#fef08a;color:inherit">marked</mark> ' +
      '<span style="background-color:#bbf7d0">green</span></p>' +
      '<p><a href="mailto:help@example.com" rel="noopener noreferrer" target="_blank">mail</a> ' +
      '<a href="http://example.com" rel="noopener noreferrer" target="_blank">http</a></p>'
    const result = sanitizeRichText(html)
    assert.equal(result.html, html)
    assert.deepEqual(result.hostile, [])
  })

  test('obfuscated and other schemes are refused: data:, vbscript:, entities and whitespace', ({
    assert,
  }) => {
    for (const href of [
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'java&#x09;script:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'jav&#97;script:alert(1)',
    ]) {
      const result = sanitizeRichText(`<p><a href="${href}">x</a></p>`)
      assert.equal(result.html, '<p>x</p>', href)
      assert.lengthOf(result.hostile, 1, href)
    }
    // Relative and protocol-relative links are no http(s) or mailto link either.
    for (const href of ['/documents', '//evil.example/x']) {
      const result = sanitizeRichText(`<p><a href="${href}">x</a></p>`)
      assert.equal(result.html, '<p>x</p>', href)
      assert.deepEqual(result.hostile, [`href="${href}"`])
    }
    assert.isTrue(isAllowedLink('https://example.com'))
    assert.isTrue(isAllowedLink('mailto:a@example.com'))
    assert.isFalse(isAllowedLink('javascript:alert(1)'))
    assert.isFalse(isAllowedLink('data:text/html,x'))
  })

  test('styles keep colour values only; harmless unknown markup keeps its text', ({ assert }) => {
    const result = sanitizeRichText(
      '<div class="x"><p><span style="color: #123456; font-size: 40px; position: fixed">a</span>' +
        '<span style="color: red">b</span><span style="background-color: url(x.png)">c</span>' +
        '<font face="Comic Sans">d</font></p><table><tr><td>e</td></tr></table></div>'
    )
    assert.equal(result.html, '<p><span style="color:#123456">a</span>bcd</p>e')
    // A url() in a style is hostile (it loads something).
    assert.deepEqual(result.hostile, ['style'])
  })

  test('style, iframe, svg and form elements are refused with their contents', ({ assert }) => {
    const result = sanitizeRichText(
      '<style>body{display:none}</style><iframe src="https://evil.example"></iframe>' +
        '<svg><a xlink:href="javascript:alert(1)">s</a></svg><form action="https://evil.example"><input name="x"></form><p>ok</p>'
    )
    assert.equal(result.html, 's<p>ok</p>')
    assert.includeMembers(result.hostile, ['<style>', '<iframe>', '<svg>', '<form>', '<input>'])
  })

  test('plain text: markup removed, blocks separated, entities decoded', ({ assert }) => {
    assert.equal(
      plainText('<h2>Hi</h2><p>a &amp; b</p><ul><li>c</li><li>d</li></ul>'),
      'Hi a & b c d'
    )
    assert.equal(sanitizeRichText('<p></p>').text, '')
    assert.equal(sanitizeRichText('<p>  <br>  </p>').text, '')
  })
})

import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { IndexHtmlTransformContext } from 'vite'
import { describe, expect, it } from 'vitest'
import { PAGE_POLICIES, pageHead, withPageHead } from './vite-page-head'

const repoRoot = resolve(import.meta.dirname, '..')
const page = `<!doctype html>\n<html lang="en">\n  <head>\n    <title>Hallway</title>\n  </head>\n  <body></body>\n</html>\n`

function transform(file: string, html: string): string {
  const hook = pageHead(repoRoot).transformIndexHtml as { handler(html: string, context: IndexHtmlTransformContext): string }
  return hook.handler(html, { filename: resolve(repoRoot, file), path: '/index.html' } as IndexHtmlTransformContext)
}

describe('the page head', () => {
  it('is the one source of each page\'s charset, policy and viewport: the pages carry none of their own', () => {
    for (const file of Object.keys(PAGE_POLICIES)) {
      expect(existsSync(resolve(repoRoot, file)), file).toBe(true)
      expect(readFileSync(resolve(repoRoot, file), 'utf8')).not.toMatch(/<meta[^>]*(charset|Content-Security-Policy|name="viewport")/i)
    }
  })

  it('opens the head with the charset, then the policy before anything it governs, then the viewport', () => {
    const html = transform('renderer/office/index.html', page)
    const head = html.slice(html.indexOf('<head>'), html.indexOf('<title>'))
    expect(head.match(/<meta [^>]*>/g)).toEqual([
      '<meta charset="UTF-8" />',
      `<meta http-equiv="Content-Security-Policy" content="${PAGE_POLICIES['renderer/office/index.html']}" />`,
      '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    ])
  })

  it('gives the desktop pages a policy that allows no plugins, base tags or form posts, and the web page none (its server sends it)', () => {
    for (const file of ['renderer/office/index.html', 'renderer/media/host/index.html']) {
      expect(PAGE_POLICIES[file]).toMatch(/^default-src 'self'; script-src 'self';.*; object-src 'none'; base-uri 'none'; form-action 'none'$/)
    }
    expect(PAGE_POLICIES['renderer/media/host/index.html']).toContain("connect-src 'self' http: https: ws: wss:")
    expect(transform('renderer/web/index.html', page)).not.toContain('Content-Security-Policy')
    expect(transform('renderer/web/index.html', page)).toContain('<meta charset="UTF-8" />')
  })

  it('fails the build for a page it has no policy for, or a page without a head', () => {
    expect(() => transform('renderer/new-page/index.html', page)).toThrow(/renderer\/new-page\/index.html is not in PAGE_POLICIES/)
    expect(() => withPageHead('<html><body></body></html>', null)).toThrow(/no <head>/)
    expect(() => withPageHead(page, `default-src "self"`)).toThrow(/double quote/)
  })
})

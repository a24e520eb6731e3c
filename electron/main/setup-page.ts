const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => escapes[char]!)

/**
 * The page shown instead of the office when Hallway cannot start its core (no server or token).
 * A data: URL with no scripts: it needs nothing from the app:// files, which may not be built.
 */
export function setupPageUrl(problem: string, invite?: { serverUrl: string }): string {
  // Signing in by invite from here is not built yet; the page at least says where the link leads.
  const invitation = invite
    ? `<p>You opened an invitation to the team at <strong>${escapeHtml(invite.serverUrl)}</strong>. Ask its admin for a sign-in token to start Hallway with.</p>\n`
    : ''
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Hallway: not set up yet</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; background: #f6f4ef; color: #222; }
  main { max-width: 36rem; padding: 2rem; }
</style>
</head>
<body>
<main role="alert">
<h1>Hallway is not set up yet</h1>
${invitation}<p>${escapeHtml(problem)}</p>
<p>Closing this window quits Hallway.</p>
</main>
</body>
</html>`
  return 'data:text/html;charset=utf-8,' + encodeURIComponent(html)
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => escapes[char]!)

/**
 * Where the invitation page's form goes. No page serves it: main catches the navigation on the
 * setup window (will-navigate) and reads the chosen name from it; the invite code never enters the page.
 */
export const SIGN_IN_FORM_ACTION = 'app://hallway/setup/join'
/** The form's one field. */
export const SIGN_IN_NAME_FIELD = 'name'

/**
 * The page shown instead of the office when Hallway cannot start its core (no server or token).
 * A data: URL with no scripts: it needs nothing from the app:// files, which may not be built.
 */
export function setupPageUrl(problem: string): string {
  return pageUrl('Hallway is not set up yet', `<p>${escapeHtml(problem)}</p>\n<p>Closing this window quits Hallway.</p>`)
}

/** The page an invitation link opens: choose the name the team will see, then join (and why the last try failed). */
export function invitePageUrl(invite: { serverUrl: string; problem?: string }): string {
  const problem = invite.problem ? `<p role="alert">${escapeHtml(invite.problem)}</p>\n` : ''
  return pageUrl(
    'Join your team on Hallway',
    `<p>You opened an invitation to the team at <strong>${escapeHtml(invite.serverUrl)}</strong>.</p>
${problem}<form method="get" action="${SIGN_IN_FORM_ACTION}">
<label>Your name, as your team will see it <input name="${SIGN_IN_NAME_FIELD}" required maxlength="80" autocomplete="name" autofocus></label>
<button type="submit">Join</button>
</form>
<p>Closing this window quits Hallway.</p>`,
  )
}

function pageUrl(heading: string, body: string): string {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action ${SIGN_IN_FORM_ACTION}">
<title>Hallway: ${heading}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; background: #f6f4ef; color: #222; }
  main { max-width: 36rem; padding: 2rem; }
  label { display: grid; gap: 0.25rem; margin-bottom: 0.75rem; }
  input, button { font: inherit; padding: 0.4rem 0.6rem; }
</style>
</head>
<body>
<main>
<h1>${heading}</h1>
${body}
</main>
</body>
</html>`
  return 'data:text/html;charset=utf-8,' + encodeURIComponent(html)
}

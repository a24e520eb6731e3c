import { createSignal, Show } from 'solid-js'
import { checkSignIn, launchSearch } from './launch-params'
import '../ui/base.css'
import './sign-in.css'

/** Asks for the server and a sign-in token, then reopens the page with them in the address. */
export function SignIn(props: { serverUrl: string; error: string | null }) {
  const [server, setServer] = createSignal(props.serverUrl)
  const [token, setToken] = createSignal('')
  const [error, setError] = createSignal(props.error)

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    const result = checkSignIn(server(), token())
    if (result.ok) location.search = launchSearch(result.launch)
    else setError(result.error ?? 'Paste your sign-in token.')
  }

  return (
    <main class="sign-in">
      <form class="sign-in-card" onSubmit={submit}>
        <h1>Sign in to Hallway</h1>
        <p class="sign-in-help">
          Ask a team admin for your sign-in link or token. An admin mints one on the server machine with:
          <code>npm run hallway -- token --data DIR --team TEAM --user YOU --name "Your Name"</code>
        </p>
        <label>
          Server
          <input type="url" required placeholder="http://127.0.0.1:8787" value={server()} onInput={(e) => setServer(e.currentTarget.value)} />
        </label>
        <label>
          Sign-in token
          <textarea required rows={4} spellcheck={false} value={token()} onInput={(e) => setToken(e.currentTarget.value)} />
        </label>
        <Show when={error()}>
          {(message) => (
            <p class="sign-in-error" role="alert">
              {message()}
            </p>
          )}
        </Show>
        <button type="submit" class="button button--primary">
          Sign in
        </button>
      </form>
    </main>
  )
}

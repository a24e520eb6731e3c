/**
 * Runs in the page: presses Retry now if the page still offers it. Atomic, because the page's own
 * backoff may reconnect (and remove the button) at any moment after the server is back.
 */
export function retryIfOffered(): void {
  const retry = [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Retry now')
  retry?.click()
}

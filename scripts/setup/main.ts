// `npm test`'s first step, and runnable alone: node --import tsx scripts/setup/main.ts
// Installs what the suites need where it can (root: apt-get; Go: the LiveKit build), or stops with
// the exact commands for the person to run. Exit 0 when everything is in place.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { planSetup, type Command } from './plan'
import { probeMachine } from './probe'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const say = (line: string) => console.log(`setup: ${line}`)

function run({ argv, env }: Command): void {
  say(`$ ${argv.join(' ')}`)
  const result = spawnSync(argv[0]!, argv.slice(1), { cwd: repo, stdio: 'inherit', env: { ...process.env, ...env } })
  if (result.status !== 0) {
    console.error(`setup: failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}): ${argv.join(' ')}`)
    process.exit(1)
  }
}

const plan = planSetup(probeMachine(repo))
if (plan.kind === 'blocked') {
  console.error(`setup: stopped: npm test cannot set up this machine by itself.\n\n${plan.needs.join('\n\n')}\n\nThen run npm test again.`)
  process.exit(1)
}
for (const step of plan.steps) {
  say(step.title)
  if (step.commands.length === 0) {
    say('ok, already installed')
    continue
  }
  for (const command of step.commands) run(command)
  say('ok, installed')
}

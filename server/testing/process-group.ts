import { readdirSync, readFileSync } from 'node:fs'

/** Live processes in a process group (test and bench support): from /proc, zombies left out. */
export function processGroupMembers(group: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
        // After the command name: state, parent, process group.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        return Number(fields[2]) === group && fields[0] !== 'Z'
      } catch {
        return false
      }
    })
    .map(Number)
}

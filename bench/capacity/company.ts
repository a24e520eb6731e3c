// A realistic company on one node: who is in which team, and how often each member's presence changes.
// The rates are argued in README.md; `compression` multiplies every rate so fewer sockets reach the knee.

/** Team sizes and their shares of teams: most teams 10–50, a few of 200+. */
const TEAM_SIZE_MIX: readonly { size: number; share: number }[] = [
  { size: 12, share: 0.35 },
  { size: 25, share: 0.3 },
  { size: 45, share: 0.25 },
  { size: 100, share: 0.07 },
  { size: 220, share: 0.03 },
]

/** Stock y-protocols renews a member's awareness state every 15 s even when nothing changed. */
export const RENEWAL_S = 15
/** One room walk per member every 2–10 minutes (6 on average). */
export const WALK_MEAN_S = 360
/** On the hour a third of everyone walks into a meeting room within the minute. */
export const HOUR_BURST_SHARE = 1 / 3
export const HOUR_BURST_S = 60
/** A status edit (text, emoji, do-not-disturb) about once an hour per member. */
export const STATUS_EDIT_S = 3600
/** Discussion messages: a few rooms, about one message a minute per 50 members. */
export const MESSAGE_PER_MEMBER_S = 3000

export interface Team {
  index: number
  size: number
}

/** Teams for `members` members, drawn from the size mix in a fixed order so every run has the same company. */
export function companyOf(members: number): Team[] {
  const teams: Team[] = []
  let left = members
  let cursor = 0
  const cycle = expandMix()
  while (left > 0) {
    const size = Math.min(left, cycle[cursor++ % cycle.length]!)
    teams.push({ index: teams.length, size })
    left -= size
  }
  return teams
}

/** One draw order of 100 teams with the mix's shares, big teams spread through it. */
function expandMix(): number[] {
  const order: number[] = []
  for (let k = 0; k < 100; k++) {
    let acc = 0
    const position = (k * 37) % 100
    for (const { size, share } of TEAM_SIZE_MIX) {
      acc += share * 100
      if (position < acc) {
        order.push(size)
        break
      }
    }
  }
  return order
}

export interface ChangeRates {
  /** Presence changes per second per member: renewals, walks and status edits. */
  presencePerMember: number
  /** The share of presence changes that are renewals (same state, clock forward). */
  renewalShare: number
  messagesPerMember: number
}

/** Per-member rates during the hour burst (the worst minute), time-compressed. */
export function burstRates(compression: number): ChangeRates {
  const renewal = 1 / RENEWAL_S
  const walks = 1 / WALK_MEAN_S + HOUR_BURST_SHARE / HOUR_BURST_S
  const status = 1 / STATUS_EDIT_S
  const presence = renewal + walks + status
  return { presencePerMember: presence * compression, renewalShare: renewal / presence, messagesPerMember: compression / MESSAGE_PER_MEMBER_S }
}

/** Deliveries per second the company generates: each change reaches every other member of its team. */
export function deliveriesPerSecond(teams: readonly Team[], rates: ChangeRates): number {
  return teams.reduce((sum, team) => sum + team.size * rates.presencePerMember * (team.size - 1), 0)
}

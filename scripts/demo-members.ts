/**
 * Who `npm start` signs in. Real names only: every view adds "(you)" to the viewer's own name, so a
 * name carrying it would reach others as "Ada (you)" and its owner as "Ada (you) (you)".
 */
export const DEMO_MEMBERS = {
  ada: { userId: 'demo-ada', name: 'Ada Lovelace' },
  sam: { userId: 'demo-sam', name: 'Sam Okafor' },
} as const

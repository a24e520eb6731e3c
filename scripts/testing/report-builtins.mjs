// Preloaded into a built server by a test: writes the node modules it has loaded to the file
// $REPORT_BUILTINS_TO every 100 ms, so the test can read what an idle server loaded.
import { writeFileSync } from 'node:fs'

setInterval(() => writeFileSync(process.env.REPORT_BUILTINS_TO, process.moduleLoadList.join('\n')), 100).unref()

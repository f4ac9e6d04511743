// Runs fsrs-rs 6.5's FSRS-6 optimizer through @open-spaced-repetition/binding
// 0.5.0 on a review log CSV (card_id,review_time,review_rating,review_state,
// review_duration) and prints JSON: the binding's items (as [rating,
// delta_t] pairs), the fitted weights, computeParameters' time alone (wall
// and CPU, all threads), the
// binding's evaluate of the fitted and the default weights (and of the
// weights of argv[3], the output of `loci optimize --json`, when given), and
// evaluateWithTimeSeriesSplits with its time.
//
// Usage: node fsrs6.mjs LOG.csv [WEIGHTS.json]
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import {
  FSRSBinding, computeParameters, convertCsvToFsrsItems, evaluateWithTimeSeriesSplits,
} from '@open-spaced-repetition/binding'

const items = convertCsvToFsrsItems(readFileSync(process.argv[2]), 4, 'UTC', () => 0)
const metrics = (e) => ({ logLoss: e.logLoss, rmseBins: e.rmseBins })
let t0 = performance.now()
let c0 = process.cpuUsage()
const weights = await computeParameters(items, { enableShortTerm: true })
const seconds = (performance.now() - t0) / 1000
const c1 = process.cpuUsage(c0)
const cpuSeconds = (c1.user + c1.system) / 1e6
t0 = performance.now()
const split = await evaluateWithTimeSeriesSplits(items, { enableShortTerm: true })
const splitSeconds = (performance.now() - t0) / 1000
const out = {
  items: items.map((it) => it.reviews.map((r) => [r.rating, r.deltaT])),
  weights,
  seconds,
  cpuSeconds,
  fitted: metrics(new FSRSBinding(weights).evaluate(items)),
  default: metrics(new FSRSBinding().evaluate(items)),
  split: metrics(split),
  splitSeconds,
}
if (process.argv[3]) {
  out.other = metrics(new FSRSBinding(JSON.parse(readFileSync(process.argv[3], "utf8")).weights).evaluate(items))
}
console.log(JSON.stringify(out))

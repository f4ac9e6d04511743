// Runs the FSRS-5 optimizer of fsrs-rs (fsrs-rs-nodejs@0.9.0, built from
// fsrs-rs commit 5578373c) on training items written by `optimize items`,
// with short-term training on (as Anki calls it), and prints JSON:
// {weights (19), seconds (computeParameters alone)}.
//
// Usage: node fsrs5.mjs ITEMS.json
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { FSRS, FSRSItem, FSRSReview } from 'fsrs-rs-nodejs'

const raw = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const items = raw.map((it) => new FSRSItem(it.map(([r, t]) => new FSRSReview(r, t))))
const start = performance.now()
const weights = await new FSRS(null).computeParameters(items, true)
const seconds = (performance.now() - start) / 1000
console.log(JSON.stringify({ weights, seconds }))

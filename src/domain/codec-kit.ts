/**
 * The io-ts building blocks every message codec uses, one concept per file under `codecs/`:
 * closed (an unknown key is an error, as the pinned API details demand), an array's length checked
 * before its items so that a hostile payload fails fast, failures that name what was expected, and
 * a fast check for valid values beside the contextual validation that explains refusals.
 */
export { at, codec, explainingOnly, forbiddenKeys, invalid, type Check, type Codec } from './codecs/core.ts'
export { amount, boolean, integer, isIsoUtc, isoTimestamp, nonNegative, oneOf, text } from './codecs/scalars.ts'
export { arrayOf, recordOf } from './codecs/collections.ts'
export { jsonObject, type JsonObject } from './codecs/json-object.ts'
export { struct, tagged, type StructOf, type TaggedOf } from './codecs/struct.ts'
export { describeError } from './codecs/describe-error.ts'

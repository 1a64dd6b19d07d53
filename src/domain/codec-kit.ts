/**
 * The io-ts building blocks every message codec is composed of, one concept per file under
 * `codecs/`: refinements for scalars, a closed object (an unknown key is an error, as the pinned
 * API details demand), bounded arrays and records, JSON objects and a `{ type, data }` union.
 * Each decodes into fresh values and stops at the first refusal; `describeError` reports it.
 */
export { type Codec, fromValidate } from './codecs/codec.ts'
export { amount, boolean, integer, isIsoUtc, isoTimestamp, nonNegative, oneOf, text } from './codecs/scalars.ts'
export { refine } from './codecs/refine.ts'
export { closed, ClosedType, type ClosedOf } from './codecs/closed.ts'
export { arrayOf, ListType, recordOf, RecordType } from './codecs/collections.ts'
export { jsonObject, JsonObjectType, type JsonObject } from './codecs/json-object.ts'
export { tagged, TaggedType, type TaggedOf } from './codecs/tagged.ts'
export { describeError } from './codecs/describe-error.ts'
export { hasOwn, isPlainObject, reservedKeys } from './codecs/plain-object.ts'

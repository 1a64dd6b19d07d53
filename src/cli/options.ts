import * as E from 'fp-ts/lib/Either.js'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { describeThrown } from '../domain/messages.ts'

type Options = NonNullable<ParseArgsConfig['options']>
type Config<O extends Options> = { args: string[]; allowPositionals: true; strict: true; options: O & { help: { type: 'boolean'; short: 'h' } } }

/** The options of a command, parsed; or why they are bad usage, in one line with balanced quotes. */
export const parse = <O extends Options>(args: string[], options: O): E.Either<string, ReturnType<typeof parseArgs<Config<O>>>> => {
  try {
    return E.right(parseArgs({ args, allowPositionals: true, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } }))
  } catch (cause) {
    const code = (cause as { code?: unknown }).code
    const name = /'(-[^']*)'/.exec(String((cause as Error).message))?.[1]
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return E.left(`unknown option ${name ?? ''}`.trimEnd())
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return E.left(`option ${name?.split(' ')[0] ?? ''} needs a value`)
    return E.left(describeThrown(cause).replace(/\.?\s*To specify a positional.*$/s, ''))
  }
}

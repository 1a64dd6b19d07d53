// The part of autocannon's API the HTTP benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Options {
    url: string
    connections: number
    amount: number
    timeout: number
    headers: Record<string, string>
    requests: Array<{ method: string; setupRequest: (request: Record<string, unknown>) => Record<string, unknown> }>
  }
  interface Result {
    requests: { total: number }
    latency: { p99: number }
    non2xx: number
    errors: number
    timeouts: number
  }
  const autocannon: (options: Options) => Promise<Result>
  export default autocannon
}

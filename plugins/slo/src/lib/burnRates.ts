/** A burn rate by window, accepting `24h` or `1d` for a day. */
export function burnRate(rates: Record<string, number>, window: '1h' | '6h' | '24h'): number | undefined {
  if (window === '24h') return rates['24h'] ?? rates['1d'];
  return rates[window];
}

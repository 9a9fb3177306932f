// The orders the export reads (a stand-in for a database query that pages through results).
export async function* ordersSince(day) {
  for (let page = 0; page < 3; page++) {
    // one page of results arrives every 40 ms
    await new Promise((resolve) => setTimeout(resolve, 40));
    for (let i = 0; i < 4; i++) {
      const n = page * 4 + i + 1;
      yield { id: `o-${1000 + n}`, day, customer: `c-${200 + (n % 5)}`, total: (n * 7.25).toFixed(2) };
    }
  }
}

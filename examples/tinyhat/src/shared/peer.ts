// Calls another Tinyhat service over HTTP and turns a failed call into an error that says which service and why.

export async function callPeer(url: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (err) {
    throw new Error(`${init.method ?? 'GET'} ${url} failed: ${(err as Error).cause ?? (err as Error).message}`);
  }
  if (!res.ok) {
    const body = (await res.text()).slice(0, 200);
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}: ${body}`);
  }
  return res;
}

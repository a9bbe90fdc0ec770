/** The request as the access guard leaves it: who is signed in (the actor of the audit log). */
export interface SignedIn {
  access?: { claims: { username: string } };
}

export function actorOf(request: SignedIn): string {
  return request.access?.claims.username ?? 'unknown';
}

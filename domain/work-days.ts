// Days of work: the UTC day of a moment, the days of a range, and emails as keys of a stored map
// (a stored key cannot hold a dot).
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** The days from `from` to `to` (YYYY-MM-DD, both included). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.push(dayOf(new Date(t)));
  return days;
}

export const personKey = (email: string) => encodeURIComponent(email).replace(/\./g, '%2E');
export const personOfKey = (key: string) => decodeURIComponent(key);

export const workDayId = (workspace: string, project: string, role: 'labeler' | 'reviewer', day: string) => `${workspace}/${project}/${role}@${day}`;

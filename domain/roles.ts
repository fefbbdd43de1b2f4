// Who may do what: the one policy every route consults.
export const roles = ['owner', 'admin', 'manager', 'labeler', 'reviewer'] as const;
export type Role = (typeof roles)[number];

export const actions = [
  'workspace.read',
  'members.read',
  'members.manage',
  'audit.read',
  'projects.read',
  'projects.manage',
  'images.upload',
  'batches.manage',
  'jobs.read',
  'jobs.manage',
  'labeling.work',
  'review.work',
  'dataset.read',
] as const;
export type Action = (typeof actions)[number];

const managerActions: Action[] = [
  'workspace.read', 'members.read', 'projects.read', 'projects.manage', 'images.upload', 'batches.manage',
  'jobs.read', 'jobs.manage', 'labeling.work', 'review.work', 'dataset.read',
];

const grants: Record<Role, ReadonlySet<Action>> = {
  owner: new Set(actions),
  admin: new Set(actions),
  manager: new Set(managerActions),
  labeler: new Set<Action>(['workspace.read', 'projects.read', 'jobs.read', 'labeling.work']),
  reviewer: new Set<Action>(['workspace.read', 'projects.read', 'jobs.read', 'review.work']),
};

export function roleAllows(role: Role, action: Action): boolean {
  return grants[role].has(action);
}

/** Managers and above see every job; labelers and reviewers only the jobs they are named on. */
export function canSeeJob(member: { role: Role; email: string }, job: { labeler: string; reviewer: string }): boolean {
  if (roleAllows(member.role, 'jobs.manage')) return true;
  return job.labeler === member.email || job.reviewer === member.email;
}

export function isLabelerOf(member: { role: Role; email: string }, job: { labeler: string }): boolean {
  return job.labeler === member.email || roleAllows(member.role, 'jobs.manage');
}

export function isReviewerOf(member: { role: Role; email: string }, job: { reviewer: string }): boolean {
  return job.reviewer === member.email || roleAllows(member.role, 'jobs.manage');
}
